// Chat routing that features plug into. The webhook handlers (lib/webhook/handlers/) call this
// registry; features register here and never touch the webhook itself.
//
// ── How a feature plugs in ───────────────────────────────────────────────────────────────────
// Put the registrations in the feature's own module (e.g. lib/garbage/chat.ts) and add one import
// line for it to lib/webhook/features.ts (that file is what the worker loads). Registration runs at
// import time; registering the same name twice replaces the earlier one (module reloads in dev).
//
// (a) Text intents — `registerTextIntent({ name, priority, match(text, ctx), handle(ctx) })`.
//     A text message is routed, in this order:
//       1. a pending conversation step of a feature (d), if one is waiting and not expired;
//       2. the auto-reply rules staff maintain (/staff/content/auto-replies);
//       3. the text intents, lower `priority` first (ties: registration order). `match` gets the
//          text as typed and `ctx.normalizedText` (NFKC, trimmed, lower-cased); the first intent
//          whose `match` returns true handles the message;
//       4. otherwise the 相談窓口 inbox (staff answer), with an acknowledgement to the resident.
// (b) Postbacks — `registerPostbackHandler(action, handler)`: postback data is a query string and
//     `action=<value>` picks the handler (e.g. "action=garbage-day&area=3"). `ctx.params` holds the
//     parsed data; `ctx.pickerParams` the date/time picker result (postback.params).
// (c) Locations — `registerLocationHandler({ name, priority, handle(ctx) })`: a location message
//     goes to a pending step first, then to the handlers, lower priority first; a handler returns
//     null to pass. Unhandled locations go to the inbox.
// (d) Pending conversation steps — a feature asks the resident something and waits for the answer:
//     `await ctx.setPendingStep({ feature, step, data, ttlSeconds })` stores it (table
//     pending_conversation_step, one per resident, default expiry 10 minutes), and
//     `registerConversationStep(feature, { text?, location? })` receives the next text or location.
//     The step is removed before its handler runs (a step answers once); the handler sets a new one
//     to ask a follow-up question. A step handler that returns null lets the message continue
//     through the normal routing.
//
// Every handler runs inside the database transaction that marks the webhook event handled, with
// `ctx.tx`: its writes commit together with that mark, so a retried event never applies them twice.
// Handlers must not call LINE to send messages themselves — they return `{ outcome, messages }` and
// the messages (1–5) go to the resident as a reply (reply token while fresh, otherwise a push with
// a retry key), exactly once. `outcome` is a short label recorded on the event ("garbage:lookup").
import type { DbTx } from "@/lib/db";
import type { LineMessage } from "@/lib/line/messages";

export type ChatResident = {
  id: string;
  lineUserId: string;
  displayName: string | null;
  preferredLanguage: string;
  registeredAt: Date | null;
  districtId: number | null;
};

export type PendingStep = { feature: string; step: string; data: Record<string, unknown>; expiresAt: Date };

export type ChatContext = {
  /** The handling transaction (see the comment at the top). */
  tx: DbTx;
  resident: ChatResident;
  event: { id: string; type: string; occurredAt: Date };
  now: Date;
  /** The resident's pending step when this event arrived (already removed when a step handler runs). */
  pendingStep: PendingStep | null;
  setPendingStep(step: { feature: string; step: string; data?: Record<string, unknown>; ttlSeconds?: number }): Promise<void>;
  clearPendingStep(): Promise<void>;
};

export type TextContext = ChatContext & {
  text: string;
  /** NFKC-normalised, trimmed, lower-cased: "ｺﾞﾐ " → "ゴミ". */
  normalizedText: string;
  messageId: string;
};

export type PostbackContext = ChatContext & {
  data: string;
  action: string;
  params: URLSearchParams;
  /** postback.params: date/time picker results ({ date } | { time } | { datetime }) or rich menu switch. */
  pickerParams: Record<string, string>;
};

export type LocationContext = ChatContext & {
  latitude: number;
  longitude: number;
  title?: string;
  address?: string;
  messageId: string;
};

/** What a handler did: a short label for the event record, and the messages to send back (0–5). */
export type ChatReply = { outcome: string; messages?: LineMessage[] };

export type TextIntent = {
  name: string;
  /** Lower runs first. Auto-replies always run before every intent. */
  priority: number;
  match(text: string, ctx: TextContext): boolean | Promise<boolean>;
  handle(ctx: TextContext): Promise<ChatReply>;
};

export type PostbackHandler = (ctx: PostbackContext) => Promise<ChatReply>;

export type LocationHandler = {
  name: string;
  priority: number;
  /** null = not for this handler; the next one is asked. */
  handle(ctx: LocationContext): Promise<ChatReply | null>;
};

export type ConversationStepHandlers = {
  text?(ctx: TextContext & { step: PendingStep }): Promise<ChatReply | null>;
  location?(ctx: LocationContext & { step: PendingStep }): Promise<ChatReply | null>;
};

type Registered<T> = T & { order: number };

const state = {
  order: 0,
  intents: new Map<string, Registered<TextIntent>>(),
  postbacks: new Map<string, PostbackHandler>(),
  locations: new Map<string, Registered<LocationHandler>>(),
  steps: new Map<string, ConversationStepHandlers>(),
};

export const DEFAULT_STEP_TTL_SECONDS = 600;

export function registerTextIntent(intent: TextIntent): void {
  state.intents.set(intent.name, { ...intent, order: state.order++ });
}

export function registerPostbackHandler(action: string, handler: PostbackHandler): void {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(action)) throw new Error(`postback action names are [a-z0-9._-]: ${action}`);
  state.postbacks.set(action, handler);
}

export function registerLocationHandler(handler: LocationHandler): void {
  state.locations.set(handler.name, { ...handler, order: state.order++ });
}

export function registerConversationStep(feature: string, handlers: ConversationStepHandlers): void {
  state.steps.set(feature, handlers);
}

function byPriority<T extends { priority: number; order: number }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => a.priority - b.priority || a.order - b.order);
}

export function textIntents(): TextIntent[] {
  return byPriority(state.intents.values());
}

export function postbackHandler(action: string): PostbackHandler | undefined {
  return state.postbacks.get(action);
}

export function locationHandlers(): LocationHandler[] {
  return byPriority(state.locations.values());
}

export function conversationStep(feature: string): ConversationStepHandlers | undefined {
  return state.steps.get(feature);
}

/** Tests: forget every registration. */
export function resetRegistryForTests(): void {
  state.intents.clear();
  state.postbacks.clear();
  state.locations.clear();
  state.steps.clear();
}

/** "ｺﾞﾐ　" → "ゴミ": what intents and auto-reply keywords compare. */
export function normalizeChatText(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}
