// Users and the bot: profile, follower ids, bot info, loading animation, mark-as-read, link tokens.
import type { LineEmulator } from "../emulator";
import { fail, ok, type Reply, type RequestContext } from "../core/http";
import { newOpaqueToken } from "../core/ids";
import { FRIEND } from "../state/friends";
import { InvalidProperty, Issues, MAY_NOT_BE_EMPTY } from "../validation/issues";
import { bodyObject, failOnIssues, lineRoute, notFound, type RouteTable } from "./common";

/** GET /v2/bot/followers/ids: limit default 300, maximum 1000 (messaging-api.yml). */
export const LINE_FOLLOWERS_DEFAULT_LIMIT = 300;
export const LINE_FOLLOWERS_MAX_LIMIT = 1000;

export function userRoutes(emulator: LineEmulator): RouteTable {
  function profile(ctx: RequestContext): Reply {
    const uid = emulator.friends.uidOf(ctx.params.userId!);
    // 404 "Not found" when the user is not a friend or blocked the account (status codes table).
    if (uid === 0 || emulator.friends.status(uid) !== FRIEND) notFound();
    const profile = emulator.friends.profile(uid);
    if (!profile) notFound();
    return ok(profile);
  }

  function followers(ctx: RequestContext): Reply {
    const limitText = ctx.query.get("limit");
    let limit = LINE_FOLLOWERS_DEFAULT_LIMIT;
    if (limitText !== null) {
      limit = Number(limitText);
      if (!Number.isInteger(limit) || limit < 1 || limit > LINE_FOLLOWERS_MAX_LIMIT) fail(400, "The value for the 'limit' parameter is invalid");
    }
    const start = ctx.query.get("start");
    let position = 0;
    if (start !== null) {
      position = decodeCursor(start);
      if (position < 0) fail(400, "Invalid start param");
    }
    const userIds: string[] = [];
    let last = position;
    let more = false;
    for (const [pos, uid] of emulator.friends.friendUids(position)) {
      if (userIds.length === limit) {
        more = true;
        break;
      }
      userIds.push(emulator.friends.userIdOf(uid));
      last = pos;
    }
    return ok(more ? { userIds, next: encodeCursor(last) } : { userIds });
  }

  function botInfo(): Reply {
    const channel = emulator.config.channel;
    return ok({ userId: channel.botUserId, basicId: channel.basicId, displayName: channel.displayName, chatMode: "bot", markAsReadMode: "manual" });
  }

  function loading(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const issues = new Issues();
    const chatId = body.chatId;
    if (chatId === undefined || chatId === null || chatId === "") issues.add("chatId", MAY_NOT_BE_EMPTY);
    else if (typeof chatId !== "string") throw new InvalidProperty("chatId");
    let seconds = 20;
    if (body.loadingSeconds !== undefined && body.loadingSeconds !== null) {
      if (typeof body.loadingSeconds !== "number" || !Number.isInteger(body.loadingSeconds)) throw new InvalidProperty("loadingSeconds");
      seconds = body.loadingSeconds;
      // Reference example: "Must be between 5 and 60" and "must be a multiple of five".
      if (seconds < 5 || seconds > 60) issues.add("loadingSeconds", "Must be between 5 and 60");
      if (seconds % 5 !== 0) issues.add("loadingSeconds", "must be a multiple of five");
    }
    // "One-on-one chats only": a group/room id or an unknown id is rejected with this detail.
    const uid = typeof chatId === "string" ? emulator.friends.uidOf(chatId) : 0;
    if (typeof chatId === "string" && chatId !== "" && (uid === 0 || !emulator.friends.isKnownUser(uid))) {
      issues.add("chatId", "Only user id is acceptable, please confirm if there are any group/room ids or illegal ids.");
    }
    failOnIssues(issues);
    // A repeat call overrides the duration; it shows only while the user has the chat open.
    const until = emulator.clock.now() + seconds * 1000;
    emulator.loadingUntil.set(uid, until);
    emulator.changes.emit("change", { kind: "loading", uid, until });
    return ok({}, 202);
  }

  function markAsReadByToken(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const token = body.markAsReadToken;
    if (token === undefined || token === null || token === "") fail(400, "The request body has 1 error(s)", [{ message: MAY_NOT_BE_EMPTY, property: "markAsReadToken" }]);
    if (typeof token !== "string") throw new InvalidProperty("markAsReadToken");
    const entry = emulator.markAsReadTokens.get(token);
    if (!entry) fail(400, "Tokens must be used by the bot that received them via Webhook");
    markRead(emulator, entry.uid, entry.messageId);
    return ok({});
  }

  /** Partner-only POST /v2/bot/message/markAsRead {chat:{userId}}: marks everything read. */
  function markAsReadByChat(ctx: RequestContext): Reply {
    const body = bodyObject(ctx);
    const chat = body.chat as { userId?: unknown } | undefined;
    if (!chat || typeof chat !== "object" || typeof chat.userId !== "string") {
      fail(400, "The request body has 1 error(s)", [{ message: MAY_NOT_BE_EMPTY, property: "chat.userId" }]);
    }
    const uid = emulator.friends.uidOf(chat.userId as string);
    if (uid === 0) fail(400, "Invalid user id");
    const last = [...emulator.inbound].reverse().find((item) => item.uid === uid && item.message);
    if (last?.message) markRead(emulator, uid, String(last.message.id));
    return ok({});
  }

  function linkToken(ctx: RequestContext): Reply {
    const uid = emulator.friends.uidOf(ctx.params.userId!);
    if (uid === 0 || !emulator.friends.isKnownUser(uid)) fail(400, "Invalid user id");
    return ok({ linkToken: newOpaqueToken(24) });
  }

  return [
    lineRoute("getProfile", "GET", "/v2/bot/profile/{userId}", profile),
    lineRoute("getFollowers", "GET", "/v2/bot/followers/ids", followers),
    lineRoute("getBotInfo", "GET", "/v2/bot/info", botInfo),
    lineRoute("showLoadingAnimation", "POST", "/v2/bot/chat/loading/start", loading),
    lineRoute("markMessagesAsReadByToken", "POST", "/v2/bot/chat/markAsRead", markAsReadByToken),
    lineRoute("markMessagesAsRead", "POST", "/v2/bot/message/markAsRead", markAsReadByChat),
    lineRoute("issueLinkToken", "POST", "/v2/bot/user/{userId}/linkToken", linkToken, { body: "none" }),
  ];
}

function markRead(emulator: LineEmulator, uid: number, messageId: string): void {
  const current = emulator.readUpTo.get(uid);
  if (current === undefined || Number(messageId) > Number(current)) emulator.readUpTo.set(uid, messageId);
  emulator.changes.emit("change", { kind: "read", uid });
}

// Continuation tokens are opaque to clients (messaging-api.yml: "Value of the continuation token").
function encodeCursor(position: number): string {
  return Buffer.from(`f:${position}`).toString("base64url");
}

function decodeCursor(token: string): number {
  const text = Buffer.from(token, "base64url").toString("utf8");
  const match = /^f:(\d+)$/.exec(text);
  return match ? Number(match[1]) : -1;
}
