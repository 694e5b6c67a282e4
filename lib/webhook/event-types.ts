// LINE's webhook event types (webhook.yml discriminator of Event, line-openapi @6e4c2a2, plus
// messageEdited from the SDKs; FACTS.md §1). Every type is stored; these are handled:
export const LINE_WEBHOOK_EVENT_TYPES = [
  "message",
  "unsend",
  "follow",
  "unfollow",
  "join",
  "leave",
  "memberJoined",
  "memberLeft",
  "postback",
  "videoPlayComplete",
  "beacon",
  "accountLink",
  "membership",
  "module",
  "activated",
  "deactivated",
  "botSuspended",
  "botResumed",
  "delivery",
  "messageEdited",
] as const;

export type LineWebhookEventType = (typeof LINE_WEBHOOK_EVENT_TYPES)[number];

/** Types Kairan acts on; the others are stored and marked skipped (a municipal account is not in groups). */
export const HANDLED_EVENT_TYPES = new Set<string>(["follow", "unfollow", "message", "postback", "unsend"]);
