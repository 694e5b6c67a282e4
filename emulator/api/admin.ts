// The emulator's own API under /__emulator — what tests, benchmarks, the start script and the phone
// view use to drive simulated residents and inspect what the app did. Not part of LINE; no auth
// (the emulator is a development tool that listens on localhost).
import { readFileSync, writeFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import path from "node:path";
import { buildLiffHandoffFragment, resolveLiffUrl } from "@/lib/line/liff-handoff";
import { parseRateLimitSetting, type EmulatorConfig, type QuotaSetting, type RateLimitSetting } from "../config";
import type { ChangeEvent, EmulatorSnapshot, LineEmulator } from "../emulator";
import { type Reply, type RequestContext } from "../core/http";
import { newLineUserId, LINE_USER_ID_PATTERN } from "../core/ids";
import type { FaultInput } from "../core/faults";
import { FRIEND, FRIEND_STATUS_NAMES, NOT_FRIEND } from "../state/friends";
import { SEND_ENDPOINTS, type SendEndpoint } from "../state/message-log";
import { SimulationError, follow, postback, sendMessage, switchRichMenu, unfollow, unsend, type ResidentMessageInput, type SimulationResult } from "../simulate";
import { isRecord } from "../validation/issues";
import { adminRoute, type RouteTable } from "./common";

export type AdminHooks = {
  /** The emulator's own base URL (http://localhost:4010). */
  baseUrl(): string;
  /** Replaces the state with a snapshot (POST /__emulator/load). */
  load(snapshot: EmulatorSnapshot): Promise<void>;
  /** Default file for save/load. */
  stateFile?: string;
};

function json(status: number, body: unknown): Reply {
  return { status, json: body };
}

function error(status: number, message: string): Reply {
  return json(status, { error: message });
}

function objectBody(ctx: RequestContext): Record<string, unknown> {
  return isRecord(ctx.json) ? ctx.json : {};
}

/** LIFF endpoint URL per LIFF id: every LIFF app of the channel opens the app's /liff pages. */
export function liffEndpoints(config: EmulatorConfig): Record<string, string> {
  return Object.fromEntries(config.channel.liffIds.map((liffId) => [liffId, `${config.appUrl}/liff`]));
}

export function adminRoutes(emulator: LineEmulator, hooks: AdminHooks): RouteTable {
  const friends = () => emulator.friends;

  function uidOf(userId: string): number | undefined {
    const uid = friends().uidOf(userId);
    return uid !== 0 && friends().isKnownUser(uid) ? uid : undefined;
  }

  function residentJson(uid: number): Record<string, unknown> {
    const profile = friends().profile(uid)!;
    const menu = emulator.effectiveRichMenu(uid);
    return {
      ...profile,
      status: FRIEND_STATUS_NAMES[friends().status(uid)],
      synthetic: uid > 0 ? uid : undefined,
      richMenuId: menu?.richMenuId ?? null,
      loadingUntil: emulator.loadingUntil.get(uid) ?? null,
      readUpTo: emulator.readUpTo.get(uid) ?? null,
    };
  }

  /** Runs a simulation; `?wait=false` answers before the app has answered the webhook. */
  async function simulate(ctx: RequestContext, run: () => SimulationResult & { messageId?: string }): Promise<Reply> {
    let result: SimulationResult & { messageId?: string };
    try {
      result = run();
    } catch (err) {
      if (err instanceof SimulationError) return error(err.status, err.message);
      throw err;
    }
    const body: Record<string, unknown> = { events: result.events };
    if (result.messageId) body.messageId = result.messageId;
    if (ctx.query.get("wait") !== "false") body.delivery = await result.delivery;
    return json(200, body);
  }

  // ── state

  function state(): Reply {
    return json(200, {
      url: hooks.baseUrl(),
      channel: emulator.config.channel,
      appUrl: emulator.config.appUrl,
      clock: { now: new Date(emulator.clock.now()).toISOString(), offsetMs: emulator.clock.offset },
      friends: { synthetic: friends().syntheticCount, friends: friends().friendCount() },
      messages: emulator.log.stats(),
      quota: { ...emulator.config.quota, consumption: emulator.quotaConsumption() },
      webhook: emulator.config.webhook,
      richMenus: emulator.richMenus.size,
      audiences: emulator.audiences.size,
      retryKeys: emulator.retryKeys.size,
      faults: emulator.faults.list(),
      process: processFigures(),
      config: {
        replyTokenTtlMs: emulator.config.replyTokenTtlMs,
        retryKeyTtlMs: emulator.config.retryKeyTtlMs,
        narrowcast: emulator.config.narrowcast,
        audienceProcessingMs: emulator.config.audienceProcessingMs,
        allowLocalhostHttp: emulator.config.allowLocalhostHttp,
        login: emulator.config.login,
      },
    });
  }

  function reset(): Reply {
    emulator.reset();
    return json(200, { ok: true });
  }

  function save(ctx: RequestContext): Reply {
    const file = (objectBody(ctx).file as string | undefined) ?? hooks.stateFile;
    if (!file) return error(400, "file is required (no --state-file configured)");
    writeFileSync(file, JSON.stringify(emulator.snapshot()));
    return json(200, { ok: true, file: path.resolve(file) });
  }

  async function load(ctx: RequestContext): Promise<Reply> {
    const file = (objectBody(ctx).file as string | undefined) ?? hooks.stateFile;
    if (!file) return error(400, "file is required (no --state-file configured)");
    await hooks.load(JSON.parse(readFileSync(file, "utf8")) as EmulatorSnapshot);
    return json(200, { ok: true, file: path.resolve(file) });
  }

  function clock(ctx: RequestContext): Reply {
    const body = objectBody(ctx);
    if (typeof body.advanceMs === "number") emulator.clock.advance(body.advanceMs);
    if (body.reset === true) emulator.clock.reset();
    return json(200, { now: new Date(emulator.clock.now()).toISOString(), offsetMs: emulator.clock.offset });
  }

  function config(ctx: RequestContext): Reply {
    const body = objectBody(ctx);
    const c = emulator.config;
    if (typeof body.replyTokenTtlMs === "number") c.replyTokenTtlMs = body.replyTokenTtlMs;
    if (typeof body.retryKeyTtlMs === "number") c.retryKeyTtlMs = body.retryKeyTtlMs;
    if (typeof body.audienceProcessingMs === "number") c.audienceProcessingMs = body.audienceProcessingMs;
    if (typeof body.allowLocalhostHttp === "boolean") c.allowLocalhostHttp = body.allowLocalhostHttp;
    if (typeof body.appUrl === "string") c.appUrl = body.appUrl.replace(/\/+$/, "");
    if (isRecord(body.narrowcast)) Object.assign(c.narrowcast, body.narrowcast);
    if (isRecord(body.login)) Object.assign(c.login, body.login);
    return state();
  }

  // ── residents

  function listResidents(ctx: RequestContext): Reply {
    const offset = Number(ctx.query.get("offset") ?? "0");
    const limit = Math.min(1000, Number(ctx.query.get("limit") ?? "50"));
    const result = friends().listResidents({ offset, limit, query: ctx.query.get("q") ?? undefined });
    return json(200, { total: result.total, residents: result.residents.map((r) => ({ ...r, uid: undefined, synthetic: r.uid > 0 ? r.uid : undefined })) });
  }

  async function createResident(ctx: RequestContext): Promise<Reply> {
    const body = objectBody(ctx);
    const displayName = typeof body.displayName === "string" && body.displayName.trim() ? body.displayName.trim() : undefined;
    if (!displayName) return error(400, "displayName is required");
    const userId = typeof body.userId === "string" ? body.userId : newLineUserId();
    if (!LINE_USER_ID_PATTERN.test(userId)) return error(400, "userId must match ^U[0-9a-f]{32}$");
    // By default the new resident adds the account as a friend, which sends a follow event.
    const sendFollow = body.follow !== false;
    try {
      friends().createResident({
        userId,
        displayName,
        pictureUrl: typeof body.pictureUrl === "string" ? body.pictureUrl : undefined,
        statusMessage: typeof body.statusMessage === "string" ? body.statusMessage : undefined,
        language: typeof body.language === "string" ? body.language : undefined,
        status: sendFollow ? NOT_FRIEND : body.friend === false ? NOT_FRIEND : FRIEND,
        demographics: isRecord(body.demographics) ? (body.demographics as never) : undefined,
      });
    } catch (err) {
      return error(409, (err as Error).message);
    }
    const uid = friends().uidOf(userId);
    emulator.changes.emit("change", { kind: "friend", uid } satisfies ChangeEvent);
    if (!sendFollow) return json(201, { resident: residentJson(uid) });
    const result = await simulate(ctx, () => follow(emulator, userId));
    return json(201, { resident: residentJson(uid), ...(result.json as object) });
  }

  function getResident(ctx: RequestContext): Reply {
    const uid = uidOf(ctx.params.userId!);
    if (uid === undefined) return error(404, "no such resident");
    return json(200, residentJson(uid));
  }

  function updateResident(ctx: RequestContext): Reply {
    const uid = uidOf(ctx.params.userId!);
    if (uid === undefined) return error(404, "no such resident");
    const body = objectBody(ctx);
    const changes: Record<string, string> = {};
    for (const key of ["displayName", "pictureUrl", "statusMessage", "language"]) if (typeof body[key] === "string") changes[key] = body[key] as string;
    friends().updateProfile(uid, changes);
    emulator.changes.emit("change", { kind: "friend", uid } satisfies ChangeEvent);
    return json(200, residentJson(uid));
  }

  function loadSynthetic(ctx: RequestContext): Reply {
    const count = objectBody(ctx).count;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0) return error(400, "count must be a non-negative integer");
    const started = performance.now();
    friends().loadSynthetic(count);
    return json(200, { synthetic: friends().syntheticCount, friends: friends().friendCount(), ms: Math.round(performance.now() - started) });
  }

  function messageInput(body: Record<string, unknown>): ResidentMessageInput | string {
    const type = body.type ?? "text";
    const data = typeof body.dataBase64 === "string" ? Buffer.from(body.dataBase64, "base64") : undefined;
    const contentType = typeof body.contentType === "string" ? body.contentType : undefined;
    switch (type) {
      case "text":
        return typeof body.text === "string" && body.text !== "" ? { type: "text", text: body.text } : "text is required";
      case "image":
        return { type: "image", data, contentType };
      case "video":
      case "audio":
        return { type: type as "video" | "audio", data, contentType, duration: typeof body.duration === "number" ? body.duration : undefined };
      case "file":
        return typeof body.fileName === "string" ? { type: "file", fileName: body.fileName, data, contentType } : "fileName is required";
      case "location":
        if (typeof body.latitude !== "number" || typeof body.longitude !== "number") return "latitude and longitude are required";
        return { type: "location", latitude: body.latitude, longitude: body.longitude, title: body.title as string | undefined, address: body.address as string | undefined };
      case "sticker":
        return typeof body.packageId === "string" && typeof body.stickerId === "string"
          ? { type: "sticker", packageId: body.packageId, stickerId: body.stickerId, keywords: Array.isArray(body.keywords) ? (body.keywords as string[]) : undefined }
          : "packageId and stickerId are required";
      default:
        return `unknown message type ${String(type)}`;
    }
  }

  function residentMessage(ctx: RequestContext): Promise<Reply> | Reply {
    const input = messageInput(objectBody(ctx));
    if (typeof input === "string") return error(400, input);
    return simulate(ctx, () => sendMessage(emulator, ctx.params.userId!, input));
  }

  function residentPostback(ctx: RequestContext): Promise<Reply> | Reply {
    const body = objectBody(ctx);
    if (typeof body.data !== "string") return error(400, "data is required");
    const params = isRecord(body.params) ? (Object.fromEntries(Object.entries(body.params).map(([k, v]) => [k, String(v)])) as Record<string, string>) : undefined;
    return simulate(ctx, () => postback(emulator, ctx.params.userId!, { data: body.data as string, params, displayText: body.displayText as string | undefined }));
  }

  function residentRichMenuSwitch(ctx: RequestContext): Promise<Reply> | Reply {
    const body = objectBody(ctx);
    if (typeof body.richMenuAliasId !== "string") return error(400, "richMenuAliasId is required");
    return simulate(ctx, () => switchRichMenu(emulator, ctx.params.userId!, { richMenuAliasId: body.richMenuAliasId as string, data: String(body.data ?? "") }));
  }

  function residentUnsend(ctx: RequestContext): Promise<Reply> | Reply {
    const body = objectBody(ctx);
    if (typeof body.messageId !== "string") return error(400, "messageId is required");
    return simulate(ctx, () => unsend(emulator, ctx.params.userId!, body.messageId as string));
  }

  function conversation(ctx: RequestContext): Reply {
    const userId = ctx.params.userId!;
    const uid = uidOf(userId);
    if (uid === undefined) return error(404, "no such resident");
    const afterSeq = Number(ctx.query.get("afterSeq") ?? "0");
    const afterInbound = Number(ctx.query.get("afterInbound") ?? "0");
    const { rows, lastSeq } = emulator.log.query(friends(), { userId, afterSeq, limit: 500 });
    const incoming = emulator.inbound.filter((item) => item.uid === uid && item.seq > afterInbound);
    return json(200, {
      resident: residentJson(uid),
      outgoing: rows.map((row) => ({ ...row, userId: undefined })),
      incoming: incoming.map((item) => ({ ...item, uid: undefined, at: new Date(item.at).toISOString() })),
      lastSeq,
      lastInbound: emulator.inbound.length,
    });
  }

  function residentRichMenu(ctx: RequestContext): Reply {
    const uid = uidOf(ctx.params.userId!);
    if (uid === undefined) return error(404, "no such resident");
    const stored = emulator.effectiveRichMenu(uid);
    if (!stored) return json(200, { richMenu: null });
    const aliases = Object.fromEntries(emulator.richMenuAliases);
    return json(200, {
      richMenu: { richMenuId: stored.richMenuId, ...stored.menu },
      imageUrl: stored.image ? `/__emulator/richmenus/${stored.richMenuId}/image` : null,
      aliases,
    });
  }

  function richMenuImage(ctx: RequestContext): Reply {
    const stored = emulator.richMenus.get(ctx.params.richMenuId!);
    if (!stored?.image) return error(404, "no image");
    return { status: 200, body: stored.image.data, contentType: stored.image.contentType };
  }

  function residentContent(ctx: RequestContext): Reply {
    const stored = emulator.contents.get(ctx.params.messageId!);
    if (!stored || stored.gone) return error(404, "no content");
    return { status: 200, body: stored.data, contentType: stored.contentType };
  }

  // ── message records

  function endpointParam(ctx: RequestContext): SendEndpoint | undefined | "invalid" {
    const value = ctx.query.get("endpoint");
    if (value === null) return undefined;
    return (SEND_ENDPOINTS as readonly string[]).includes(value) ? (value as SendEndpoint) : "invalid";
  }

  function messages(ctx: RequestContext): Reply {
    const endpoint = endpointParam(ctx);
    if (endpoint === "invalid") return error(400, `endpoint must be one of ${SEND_ENDPOINTS.join(", ")}`);
    const q = ctx.query;
    const delivered = q.get("delivered");
    const result = emulator.log.query(friends(), {
      userId: q.get("userId") ?? undefined,
      requestId: q.get("requestId") ?? undefined,
      retryKey: q.get("retryKey")?.toLowerCase() ?? undefined,
      endpoint,
      afterSeq: q.has("afterSeq") ? Number(q.get("afterSeq")) : undefined,
      since: q.has("since") ? Date.parse(q.get("since")!) : undefined,
      delivered: delivered === null ? undefined : delivered === "true",
      limit: q.has("limit") ? Math.min(100_000, Number(q.get("limit"))) : 1000,
    });
    return json(200, { messages: result.rows, lastSeq: result.lastSeq });
  }

  function messageStats(): Reply {
    return json(200, { ...emulator.log.stats(), lastSeq: emulator.log.lastSeq });
  }

  /** The exactly-once check: how many users received something more than once. */
  function deliverySummary(ctx: RequestContext): Reply {
    const endpoint = endpointParam(ctx);
    if (endpoint === "invalid") return error(400, `endpoint must be one of ${SEND_ENDPOINTS.join(", ")}`);
    const since = ctx.query.has("since") ? Date.parse(ctx.query.get("since")!) : undefined;
    const counts = emulator.log.deliveryCounts(friends(), { endpoint, since });
    const duplicates: { userId: string; count: number }[] = [];
    let deliveries = 0;
    for (const [userId, count] of counts) {
      deliveries += count;
      if (count > 1) duplicates.push({ userId, count });
    }
    return json(200, { recipients: counts.size, deliveries, duplicates: duplicates.slice(0, 1000), duplicateCount: duplicates.length });
  }

  // ── webhook

  function getWebhook(): Reply {
    return json(200, emulator.config.webhook);
  }

  function putWebhook(ctx: RequestContext): Reply {
    const body = objectBody(ctx);
    const settings = emulator.config.webhook;
    if (typeof body.url === "string") settings.url = body.url;
    if (typeof body.active === "boolean") settings.active = body.active;
    if (typeof body.timeoutMs === "number") settings.timeoutMs = body.timeoutMs;
    if (typeof body.duplicateRate === "number") settings.duplicateRate = body.duplicateRate;
    if (typeof body.spuriousRedeliveryRate === "number") settings.spuriousRedeliveryRate = body.spuriousRedeliveryRate;
    if (body.mode === "active" || body.mode === "standby") settings.mode = body.mode;
    if (isRecord(body.redelivery)) {
      if (typeof body.redelivery.enabled === "boolean") settings.redelivery.enabled = body.redelivery.enabled;
      if (Array.isArray(body.redelivery.delaysMs)) settings.redelivery.delaysMs = body.redelivery.delaysMs.map(Number);
    }
    return json(200, settings);
  }

  async function webhookVerify(ctx: RequestContext): Promise<Reply> {
    const url = objectBody(ctx).url;
    return json(200, await emulator.webhook.sendVerify(typeof url === "string" ? url : undefined));
  }

  async function webhookRaw(ctx: RequestContext): Promise<Reply> {
    const signature = ctx.headers["x-emulator-signature"];
    const result = await emulator.webhook.sendRaw(ctx.body, {
      url: ctx.query.get("url") ?? undefined,
      signature: typeof signature === "string" ? signature : undefined,
    });
    return json(200, result);
  }

  async function webhookEvents(ctx: RequestContext): Promise<Reply> {
    const events = objectBody(ctx).events;
    if (!Array.isArray(events)) return error(400, "events must be an array");
    return json(200, await emulator.webhook.sendEvents(events as Record<string, unknown>[]));
  }

  function deliveries(ctx: RequestContext): Reply {
    return json(200, {
      deliveries: emulator.webhook.list({
        afterId: ctx.query.has("afterId") ? Number(ctx.query.get("afterId")) : undefined,
        limit: ctx.query.has("limit") ? Number(ctx.query.get("limit")) : undefined,
      }),
    });
  }

  // ── faults, rate limits, quota

  function faults(): Reply {
    return json(200, emulator.faults.list());
  }

  function setFault(ctx: RequestContext): Reply {
    return json(200, emulator.faults.set(ctx.params.endpointId!, objectBody(ctx) as FaultInput));
  }

  function clearFaults(ctx: RequestContext): Reply {
    emulator.faults.clear(ctx.params.endpointId);
    return json(200, emulator.faults.list());
  }

  function rateLimits(): Reply {
    return json(200, emulator.rateLimiter.describe());
  }

  function setRateLimits(ctx: RequestContext): Reply {
    const body = objectBody(ctx);
    try {
      for (const [endpointId, value] of Object.entries(body)) {
        const setting: RateLimitSetting = typeof value === "string" ? parseRateLimitSetting(value) : (value as RateLimitSetting);
        if (endpointId === "default") emulator.rateLimiter.setDefault(setting);
        else emulator.rateLimiter.set(endpointId, setting);
      }
    } catch (err) {
      return error(400, (err as Error).message);
    }
    return json(200, emulator.rateLimiter.describe());
  }

  function resetRateLimits(): Reply {
    emulator.rateLimiter.reset();
    return json(200, emulator.rateLimiter.describe());
  }

  function setQuota(ctx: RequestContext): Reply {
    const body = objectBody(ctx);
    if (body.type === "none") emulator.config.quota = { type: "none" };
    else if (body.type === "limited" && typeof body.value === "number") emulator.config.quota = { type: "limited", value: body.value };
    else return error(400, 'use {"type":"none"} or {"type":"limited","value":N}');
    if (body.resetConsumption === true) emulator.quotaUsage.clear();
    return json(200, { ...(emulator.config.quota as QuotaSetting), consumption: emulator.quotaConsumption() });
  }

  // ── LIFF / LINE Login

  async function mintTokens(body: Record<string, unknown>): Promise<Reply> {
    const userId = body.userId;
    if (typeof userId !== "string") return error(400, "userId is required");
    const uid = uidOf(userId);
    if (uid === undefined) return error(404, "no such resident");
    const profile = friends().profile(uid)!;
    const liffId = typeof body.liffId === "string" ? body.liffId : emulator.config.channel.liffIds[0];
    const ttlSeconds = typeof body.ttlSeconds === "number" ? body.ttlSeconds : emulator.config.login.idTokenTtlSeconds;
    const clientId = typeof body.channelId === "string" ? body.channelId : emulator.config.channel.loginChannelId;
    const { idToken, claims } = await emulator.login.mintIdToken({
      userId,
      channelId: clientId,
      name: profile.displayName,
      picture: profile.pictureUrl,
      nonce: typeof body.nonce === "string" ? body.nonce : undefined,
      ttlSeconds,
      expired: body.expired === true,
    });
    const { accessToken, expiresIn } = emulator.login.mintAccessToken({
      userId,
      clientId,
      scope: typeof body.scope === "string" ? body.scope : "openid profile chat_message.write",
      ttlSeconds: emulator.config.login.accessTokenTtlSeconds,
      liffId,
    });
    return json(200, { idToken, accessToken, expiresIn, claims, liffId, profile });
  }

  function liffToken(ctx: RequestContext): Promise<Reply> {
    return mintTokens(objectBody(ctx));
  }

  /** GET /__emulator/liff/open?userId=…&url=https://liff.line.me/… → 302 to the app, signed in. */
  async function liffOpen(ctx: RequestContext): Promise<Reply> {
    const userId = ctx.query.get("userId");
    const url = ctx.query.get("url") ?? `https://liff.line.me/${emulator.config.channel.liffIds[0]}`;
    const target = resolveLiffUrl(url, liffEndpoints(emulator.config));
    if (!target) return error(404, `not a LIFF URL of this channel: ${url}`);
    const minted = await mintTokens({ userId });
    if (minted.status !== 200) return minted;
    const tokens = minted.json as { idToken: string; accessToken: string };
    return { status: 302, body: "", contentType: "text/plain", headers: { location: `${target}${buildLiffHandoffFragment(tokens)}`, "cache-control": "no-store" } };
  }

  function liffResolve(ctx: RequestContext): Reply {
    const url = ctx.query.get("url") ?? "";
    return json(200, { url: resolveLiffUrl(url, liffEndpoints(emulator.config)) ?? null });
  }

  // ── live updates for the phone view (server-sent events)

  function stream(ctx: RequestContext): Reply {
    const userId = ctx.query.get("userId");
    const uid = userId ? friends().uidOf(userId) : undefined;
    return {
      status: 200,
      stream: (res: ServerResponse) => {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
        res.write(": connected\n\n");
        let pending = false;
        let flushTimer: NodeJS.Timeout | undefined;
        // Coalesce bursts (a benchmark records thousands of sends a second) into one notice per 200 ms.
        const flush = () => {
          flushTimer = undefined;
          if (pending) res.write(`event: change\ndata: {}\n\n`);
          pending = false;
        };
        const onChange = (event: ChangeEvent) => {
          if (uid !== undefined && !concerns(event, uid)) return;
          if (event.kind === "delivery") {
            res.write(`event: delivery\ndata: ${JSON.stringify(event.result)}\n\n`);
            return;
          }
          pending = true;
          flushTimer ??= setTimeout(flush, 200);
        };
        const heartbeat = setInterval(() => res.write(": ping\n\n"), 15_000);
        emulator.changes.on("change", onChange);
        res.on("close", () => {
          clearInterval(heartbeat);
          if (flushTimer) clearTimeout(flushTimer);
          emulator.changes.off("change", onChange);
        });
      },
    };
  }

  const base = "/__emulator";
  return [
    adminRoute("state", "GET", `${base}/state`, state),
    adminRoute("reset", "POST", `${base}/reset`, reset),
    adminRoute("save", "POST", `${base}/save`, save),
    adminRoute("load", "POST", `${base}/load`, load),
    adminRoute("clock", "POST", `${base}/clock`, clock),
    adminRoute("config", "PUT", `${base}/config`, config),
    adminRoute("residents.list", "GET", `${base}/residents`, listResidents),
    adminRoute("residents.create", "POST", `${base}/residents`, createResident),
    adminRoute("residents.synthetic", "POST", `${base}/synthetic-friends`, loadSynthetic),
    adminRoute("residents.get", "GET", `${base}/residents/{userId}`, getResident),
    adminRoute("residents.update", "PUT", `${base}/residents/{userId}`, updateResident),
    adminRoute("residents.follow", "POST", `${base}/residents/{userId}/follow`, (ctx) => simulate(ctx, () => follow(emulator, ctx.params.userId!)), { body: "none" }),
    adminRoute("residents.unfollow", "POST", `${base}/residents/{userId}/unfollow`, (ctx) => simulate(ctx, () => unfollow(emulator, ctx.params.userId!)), { body: "none" }),
    adminRoute("residents.message", "POST", `${base}/residents/{userId}/messages`, residentMessage, { maxBodyBytes: 64 * 1024 * 1024 }),
    adminRoute("residents.postback", "POST", `${base}/residents/{userId}/postback`, residentPostback),
    adminRoute("residents.richmenuswitch", "POST", `${base}/residents/{userId}/richmenu-switch`, residentRichMenuSwitch),
    adminRoute("residents.unsend", "POST", `${base}/residents/{userId}/unsend`, residentUnsend),
    adminRoute("residents.conversation", "GET", `${base}/residents/{userId}/conversation`, conversation),
    adminRoute("residents.richmenu", "GET", `${base}/residents/{userId}/richmenu`, residentRichMenu),
    adminRoute("richmenus.image", "GET", `${base}/richmenus/{richMenuId}/image`, richMenuImage),
    adminRoute("contents.get", "GET", `${base}/contents/{messageId}`, residentContent),
    adminRoute("messages", "GET", `${base}/messages`, messages),
    adminRoute("messages.stats", "GET", `${base}/messages/stats`, messageStats),
    adminRoute("messages.summary", "GET", `${base}/messages/summary`, deliverySummary),
    adminRoute("webhook.get", "GET", `${base}/webhook`, getWebhook),
    adminRoute("webhook.put", "PUT", `${base}/webhook`, putWebhook),
    adminRoute("webhook.verify", "POST", `${base}/webhook/verify`, webhookVerify),
    adminRoute("webhook.raw", "POST", `${base}/webhook/raw`, webhookRaw, { body: "raw" }),
    adminRoute("webhook.events", "POST", `${base}/webhook/events`, webhookEvents),
    adminRoute("webhook.deliveries", "GET", `${base}/webhook/deliveries`, deliveries),
    adminRoute("faults.list", "GET", `${base}/faults`, faults),
    adminRoute("faults.set", "PUT", `${base}/faults/{endpointId}`, setFault),
    adminRoute("faults.clear", "DELETE", `${base}/faults`, clearFaults),
    adminRoute("faults.clearOne", "DELETE", `${base}/faults/{endpointId}`, clearFaults),
    adminRoute("rateLimits.get", "GET", `${base}/rate-limits`, rateLimits),
    adminRoute("rateLimits.put", "PUT", `${base}/rate-limits`, setRateLimits),
    adminRoute("rateLimits.reset", "POST", `${base}/rate-limits/reset`, resetRateLimits),
    adminRoute("quota.put", "PUT", `${base}/quota`, setQuota),
    adminRoute("liff.token", "POST", `${base}/liff/token`, liffToken),
    adminRoute("liff.open", "GET", `${base}/liff/open`, liffOpen),
    adminRoute("liff.resolve", "GET", `${base}/liff/resolve`, liffResolve),
    adminRoute("stream", "GET", `${base}/stream`, stream),
  ];
}

/** CPU time and memory of the emulator process (the benchmark reports how busy the emulator was). */
function processFigures(): { cpuUserMs: number; cpuSystemMs: number; rssMB: number; heapUsedMB: number; externalMB: number } {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;
  return { cpuUserMs: Math.round(cpu.user / 1000), cpuSystemMs: Math.round(cpu.system / 1000), rssMB: mb(memory.rss), heapUsedMB: mb(memory.heapUsed), externalMB: mb(memory.external + memory.arrayBuffers) };
}

function concerns(event: ChangeEvent, uid: number): boolean {
  switch (event.kind) {
    case "record":
      return event.recipients.includes(uid);
    case "richmenu":
      return event.uid === undefined || event.uid === uid;
    case "delivery":
      return true;
    default:
      return event.uid === uid;
  }
}
