// What simulated residents do in LINE, turned into webhook events: follow, block (unfollow), send a
// message (text, image, video, audio, file, location, sticker), tap a postback or a date picker,
// unsend. Used by the phone view and the admin API.
import type { InboundItem, LineEmulator } from "./emulator";
import { BLOCKED, FRIEND } from "./state/friends";
import { followEvent, messageEvent, newMessageTokens, postbackEvent, unfollowEvent, unsendEvent, type InboundMessage } from "./webhook/events";
import type { DeliveryResult, WebhookEvent } from "./webhook/sender";

export class SimulationError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type SimulationResult = { events: WebhookEvent[]; delivery: Promise<DeliveryResult> };

export type ResidentMessageInput =
  | { type: "text"; text: string }
  | { type: "image"; data?: Buffer; contentType?: string }
  | { type: "video"; data?: Buffer; contentType?: string; duration?: number }
  | { type: "audio"; data?: Buffer; contentType?: string; duration?: number }
  | { type: "file"; fileName: string; data?: Buffer; contentType?: string }
  | { type: "location"; title?: string; address?: string; latitude: number; longitude: number }
  | { type: "sticker"; packageId: string; stickerId: string; keywords?: string[] };

// A 1×1 PNG stands in for a photo when the phone view sends one without a file.
const PLACEHOLDER_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAE/wH+6V0IRwAAAABJRU5ErkJggg==", "base64");

function requireUser(emulator: LineEmulator, userId: string): number {
  const uid = emulator.friends.uidOf(userId);
  if (uid === 0 || !emulator.friends.isKnownUser(uid)) throw new SimulationError(404, `no resident with user id ${userId}`);
  return uid;
}

function send(emulator: LineEmulator, events: WebhookEvent[], items: InboundItem[]): SimulationResult {
  return { events, delivery: emulator.deliverEvents(events, items) };
}

/** Adds the account as a friend; after a block this is an unblock (follow.isUnblocked = true). */
export function follow(emulator: LineEmulator, userId: string): SimulationResult {
  const uid = requireUser(emulator, userId);
  const status = emulator.friends.status(uid);
  if (status === FRIEND) throw new SimulationError(409, "already a friend");
  emulator.friends.setStatus(uid, FRIEND);
  emulator.changes.emit("change", { kind: "friend", uid });
  const now = emulator.clock.now();
  const event = followEvent({ now, mode: emulator.config.webhook.mode, userId, replyToken: emulator.issueReplyToken(uid), isUnblocked: status === BLOCKED });
  const item = emulator.addInbound({ at: now, uid, kind: "follow", webhookEventId: String(event.webhookEventId) });
  return send(emulator, [event], [item]);
}

/** Blocks the account: LINE sends an unfollow event and stops delivering messages. */
export function unfollow(emulator: LineEmulator, userId: string): SimulationResult {
  const uid = requireUser(emulator, userId);
  if (emulator.friends.status(uid) !== FRIEND) throw new SimulationError(409, "not a friend");
  emulator.friends.setStatus(uid, BLOCKED);
  emulator.userRichMenus.delete(uid);
  emulator.changes.emit("change", { kind: "friend", uid });
  const now = emulator.clock.now();
  const event = unfollowEvent({ now, mode: emulator.config.webhook.mode, userId });
  const item = emulator.addInbound({ at: now, uid, kind: "unfollow", webhookEventId: String(event.webhookEventId) });
  return send(emulator, [event], [item]);
}

export function sendMessage(emulator: LineEmulator, userId: string, input: ResidentMessageInput): SimulationResult & { messageId: string } {
  const uid = requireUser(emulator, userId);
  // A user who blocked the account cannot talk to it; a non-friend can (push docs: "Users can also
  // send a message to your LINE Official Account which they haven't added as a friend").
  if (emulator.friends.status(uid) === BLOCKED) throw new SimulationError(409, "the resident has blocked the account");
  const messageId = emulator.messageIds.take();
  let message: InboundMessage;
  switch (input.type) {
    case "text":
      if (!input.text) throw new SimulationError(400, "text is empty");
      message = { type: "text", text: input.text };
      break;
    case "image":
      emulator.contents.set(messageId, { kind: "image", contentType: input.contentType ?? "image/png", data: input.data ?? PLACEHOLDER_PNG, uid, gone: false, previewable: true });
      message = { type: "image" };
      break;
    case "video":
      emulator.contents.set(messageId, { kind: "video", contentType: input.contentType ?? "video/mp4", data: input.data ?? Buffer.alloc(0), uid, gone: false, previewable: true });
      message = { type: "video", duration: input.duration ?? 10_000 };
      break;
    case "audio":
      emulator.contents.set(messageId, { kind: "audio", contentType: input.contentType ?? "audio/x-m4a", data: input.data ?? Buffer.alloc(0), uid, gone: false, previewable: false });
      message = { type: "audio", duration: input.duration ?? 5_000 };
      break;
    case "file": {
      const data = input.data ?? Buffer.from("");
      emulator.contents.set(messageId, { kind: "file", contentType: input.contentType ?? "application/octet-stream", data, uid, gone: false, previewable: false });
      message = { type: "file", fileName: input.fileName, fileSize: data.length };
      break;
    }
    case "location":
      message = { type: "location", latitude: input.latitude, longitude: input.longitude };
      if (input.title) message.title = input.title;
      if (input.address) message.address = input.address;
      break;
    case "sticker":
      message = { type: "sticker", packageId: input.packageId, stickerId: input.stickerId, stickerResourceType: "STATIC" };
      if (input.keywords) message.keywords = input.keywords;
      break;
  }
  const tokens = newMessageTokens(message.type);
  emulator.markAsReadTokens.set(tokens.markAsReadToken, { uid, messageId });
  const now = emulator.clock.now();
  const event = messageEvent({ now, mode: emulator.config.webhook.mode, userId, replyToken: emulator.issueReplyToken(uid), messageId, message, tokens });
  const item = emulator.addInbound({ at: now, uid, kind: "message", message: event.message as Record<string, unknown>, webhookEventId: String(event.webhookEventId) });
  return { ...send(emulator, [event], [item]), messageId };
}

/** A postback from a button, quick reply or rich menu area; `params` for date/time pickers. */
export function postback(emulator: LineEmulator, userId: string, input: { data: string; params?: Record<string, string>; displayText?: string }): SimulationResult {
  const uid = requireUser(emulator, userId);
  if (emulator.friends.status(uid) === BLOCKED) throw new SimulationError(409, "the resident has blocked the account");
  const now = emulator.clock.now();
  const event = postbackEvent({ now, mode: emulator.config.webhook.mode, userId, replyToken: emulator.issueReplyToken(uid), data: input.data, params: input.params });
  const item = emulator.addInbound({
    at: now,
    uid,
    kind: "postback",
    postback: { data: input.data, params: input.params, displayText: input.displayText },
    webhookEventId: String(event.webhookEventId),
  });
  return send(emulator, [event], [item]);
}

/** A rich menu switch action: the menu changes for this user and a postback carries the result. */
export function switchRichMenu(emulator: LineEmulator, userId: string, input: { richMenuAliasId: string; data: string }): SimulationResult {
  const uid = requireUser(emulator, userId);
  const richMenuId = emulator.richMenuAliases.get(input.richMenuAliasId);
  // postback.params for a rich menu switch: newRichMenuAliasId and status (SUCCESS, RICHMENU_ALIAS_ID_NOTFOUND, …).
  const status = richMenuId ? "SUCCESS" : "RICHMENU_ALIAS_ID_NOTFOUND";
  if (richMenuId) {
    emulator.userRichMenus.set(uid, richMenuId);
    emulator.changes.emit("change", { kind: "richmenu", uid });
  }
  return postback(emulator, userId, { data: input.data, params: { newRichMenuAliasId: input.richMenuAliasId, status } });
}

export function unsend(emulator: LineEmulator, userId: string, messageId: string): SimulationResult {
  const uid = requireUser(emulator, userId);
  const content = emulator.contents.get(messageId);
  if (content) content.gone = true;
  const original = emulator.inbound.find((item) => item.uid === uid && item.message && item.message.id === messageId);
  if (original?.message) original.message = { ...original.message, unsent: true };
  const now = emulator.clock.now();
  const event = unsendEvent({ now, mode: emulator.config.webhook.mode, userId, messageId });
  const item = emulator.addInbound({ at: now, uid, kind: "unsend", webhookEventId: String(event.webhookEventId) });
  return send(emulator, [event], [item]);
}

