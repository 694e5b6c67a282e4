// Webhook event objects as webhook.yml defines them: common fields (type, timestamp, mode,
// webhookEventId in ULID format, deliveryContext.isRedelivery, source) plus the per-type content.
import { newOpaqueToken, newUlid } from "../core/ids";
import type { WebhookEvent } from "./sender";

export type EventBase = {
  now: number;
  mode: "active" | "standby";
  userId: string;
  /** Issues a reply token for this user (events that can be replied to carry one). */
  replyToken?: string;
};

function base(type: string, input: EventBase): WebhookEvent {
  const event: WebhookEvent = {
    type,
    timestamp: input.now,
    mode: input.mode,
    webhookEventId: newUlid(input.now),
    deliveryContext: { isRedelivery: false },
    source: { type: "user", userId: input.userId },
  };
  // Standby channels receive events without reply tokens (module channel docs); so do unfollows.
  if (input.replyToken !== undefined && input.mode === "active") event.replyToken = input.replyToken;
  return event;
}

/** follow: `follow.isUnblocked` is required — true when a user who had blocked the account unblocks it. */
export function followEvent(input: EventBase & { isUnblocked: boolean }): WebhookEvent {
  return { ...base("follow", input), follow: { isUnblocked: input.isUnblocked } };
}

/** unfollow: the user blocked the account. No reply token (there is no one to reply to). */
export function unfollowEvent(input: Omit<EventBase, "replyToken">): WebhookEvent {
  return base("unfollow", input);
}

export type InboundMessage =
  | { type: "text"; text: string; emojis?: { index: number; length: number; productId: string; emojiId: string }[] }
  | { type: "image"; imageSet?: { id: string; index: number; total: number } }
  | { type: "video"; duration: number }
  | { type: "audio"; duration: number }
  | { type: "file"; fileName: string; fileSize: number }
  | { type: "location"; title?: string; address?: string; latitude: number; longitude: number }
  | { type: "sticker"; packageId: string; stickerId: string; stickerResourceType?: string; keywords?: string[]; text?: string };

/** Tokens a received message carries (quote token for text/image/video/sticker; mark-as-read token). */
export type MessageTokens = { quoteToken?: string; markAsReadToken: string };

export function newMessageTokens(type: InboundMessage["type"]): MessageTokens {
  const quotable = type === "text" || type === "image" || type === "video" || type === "sticker";
  return { quoteToken: quotable ? newOpaqueToken(48) : undefined, markAsReadToken: newOpaqueToken(24) };
}

export function messageEvent(input: EventBase & { messageId: string; message: InboundMessage; tokens: MessageTokens }): WebhookEvent {
  const message: Record<string, unknown> = { id: input.messageId, ...input.message };
  if (input.message.type === "image" || input.message.type === "video" || input.message.type === "audio") {
    message.contentProvider = { type: "line" };
  }
  if (input.message.type === "sticker" && message.stickerResourceType === undefined) message.stickerResourceType = "STATIC";
  if (input.tokens.quoteToken !== undefined) message.quoteToken = input.tokens.quoteToken;
  message.markAsReadToken = input.tokens.markAsReadToken;
  return { ...base("message", input), message };
}

/** postback: `postback.data` plus `params` (date/time/datetime pickers, rich menu switch). */
export function postbackEvent(input: EventBase & { data: string; params?: Record<string, string> }): WebhookEvent {
  const postback: Record<string, unknown> = { data: input.data };
  if (input.params && Object.keys(input.params).length > 0) postback.params = input.params;
  return { ...base("postback", input), postback };
}

/** unsend: the user unsent a message; its content becomes "gone" (410 on content download). */
export function unsendEvent(input: Omit<EventBase, "replyToken"> & { messageId: string }): WebhookEvent {
  return { ...base("unsend", input), unsend: { messageId: input.messageId } };
}
