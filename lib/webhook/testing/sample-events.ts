// One example of every LINE webhook event type, shaped as webhook.yml documents them (the contract
// test checks them against LINE's schema). For tests and the webhook benchmark.
import { randomBytes } from "node:crypto";

const ULID_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A ULID-shaped id (LINE's webhookEventId format). */
export function testWebhookEventId(): string {
  const bytes = randomBytes(26);
  return Array.from(bytes, (b) => ULID_CHARS[b % 32]).join("");
}

export function testLineUserId(): string {
  return `U${randomBytes(16).toString("hex")}`;
}

type Options = { userId?: string; timestamp?: number; mode?: "active" | "standby"; redelivery?: boolean };

function base(type: string, options: Options, withReplyToken = true): Record<string, unknown> {
  const event: Record<string, unknown> = {
    type,
    mode: options.mode ?? "active",
    timestamp: options.timestamp ?? Date.now(),
    source: { type: "user", userId: options.userId ?? testLineUserId() },
    webhookEventId: testWebhookEventId(),
    deliveryContext: { isRedelivery: options.redelivery ?? false },
  };
  if (withReplyToken) event.replyToken = randomBytes(16).toString("hex");
  return event;
}

function messageId(): string {
  return String(BigInt(`0x${randomBytes(6).toString("hex")}`));
}

export function textEvent(text: string, options: Options = {}): Record<string, unknown> {
  return { ...base("message", options), message: { id: messageId(), type: "text", text, quoteToken: randomBytes(8).toString("hex") } };
}

/** Every event type of webhook.yml's Event discriminator, plus messageEdited (SDKs). */
export function sampleEventsOfEveryType(options: Options = {}): Record<string, unknown>[] {
  const group = { type: "group", groupId: `C${randomBytes(16).toString("hex")}`, userId: options.userId ?? testLineUserId() };
  return [
    textEvent("こんにちは", options),
    { ...base("message", options), message: { id: messageId(), type: "image", contentProvider: { type: "line" }, quoteToken: "q" } },
    { ...base("message", options), message: { id: messageId(), type: "video", duration: 1000, contentProvider: { type: "line" }, quoteToken: "q" } },
    { ...base("message", options), message: { id: messageId(), type: "audio", duration: 1000, contentProvider: { type: "line" } } },
    { ...base("message", options), message: { id: messageId(), type: "file", fileName: "a.pdf", fileSize: 10 } },
    { ...base("message", options), message: { id: messageId(), type: "location", latitude: 35.68, longitude: 139.76, title: "市役所", address: "みどり市本町1-1" } },
    { ...base("message", options), message: { id: messageId(), type: "sticker", packageId: "446", stickerId: "1988", stickerResourceType: "STATIC", quoteToken: "q" } },
    { ...base("unsend", options, false), unsend: { messageId: messageId() } },
    { ...base("follow", options), follow: { isUnblocked: false } },
    base("unfollow", options, false),
    { ...base("join", options), source: group },
    { ...base("leave", options, false), source: group },
    { ...base("memberJoined", options), source: group, joined: { members: [{ type: "user", userId: testLineUserId() }] } },
    { ...base("memberLeft", options, false), source: group, left: { members: [{ type: "user", userId: testLineUserId() }] } },
    { ...base("postback", options), postback: { data: "action=contact", params: { datetime: "2026-12-01T10:00" } } },
    { ...base("videoPlayComplete", options), videoPlayComplete: { trackingId: "track-1" } },
    { ...base("beacon", options), beacon: { hwid: "d41d8cd98f", type: "enter" } },
    { ...base("accountLink", options), link: { result: "ok", nonce: "nonce-1" } },
    { ...base("membership", options), membership: { type: "joined", membershipId: 1 } },
    { ...base("module", options, false), module: { type: "attached", botId: "U1", scopes: ["message:send"] } },
    { ...base("activated", options, false), chatControl: { expireAt: Date.now() + 60_000 } },
    base("deactivated", options, false),
    base("botSuspended", options, false),
    base("botResumed", options, false),
    { ...base("delivery", options, false), delivery: { data: "hashed-phone" } },
    { ...base("messageEdited", options, false), source: group, message: { id: messageId(), type: "text", text: "編集後", quoteToken: "q" } },
  ];
}
