// POST /api/line/webhook, minus the framework: verify the signature on the raw bytes, parse, store
// every event in one INSERT (primary key = webhookEventId, so a redelivered or duplicated event is
// a no-op) together with a webhook.handle-event job for each event that was new, then answer. The
// bare node:http server of the webhook benchmark runs this same function, so the benchmark measures
// the framework.
//
// Answers (FACTS.md §1, the official SDK's middleware): 401 for a missing or wrong signature, 400
// for a correctly signed body that is not a webhook body, 200 for the verify request (no events)
// and once every event is stored; 503 when the database cannot store them, so LINE redelivers —
// never 200 for an event that was not stored. If only the jobs cannot be written, the events are
// stored anyway and the answer is 200: webhook.dispatch-stale enqueues them later.
import { createHash } from "node:crypto";
import { verifyLineSignature } from "@/lib/line/signature";

/** LINE's webhook bodies are small; anything near this is not from LINE. */
export const WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;
/** More events than LINE ever batches in one delivery. */
export const WEBHOOK_MAX_EVENTS = 1000;
const MAX_ID_LENGTH = 100;

export type WebhookEventRow = {
  id: string;
  type: string;
  mode: string | null;
  line_user_id: string | null;
  /** Event timestamp in ms. */
  ts: number;
  is_redelivery: boolean;
  payload: Record<string, unknown>;
};

export type WebhookStore = {
  /**
   * Inserts the rows (ON CONFLICT DO NOTHING) and a handling job for each new one; resolves once
   * they are committed, with the ids that were new and whether their jobs were written too.
   */
  store(rows: WebhookEventRow[]): Promise<{ fresh: string[]; enqueued: boolean }>;
};

export type IntakeResult = { status: 200 | 400 | 401 | 413 | 503; body: string; stored: number; duplicates: number };

function answer(status: IntakeResult["status"], body: string, stored = 0, duplicates = 0): IntakeResult {
  return { status, body, stored, duplicates };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The event's key: LINE's webhookEventId, or for clients that send none a hash of the event. */
export function webhookEventKey(event: Record<string, unknown>): string {
  const id = event.webhookEventId;
  if (typeof id === "string" && id.length > 0 && id.length <= MAX_ID_LENGTH) return id;
  return `sha256:${createHash("sha256").update(JSON.stringify(event)).digest("hex")}`;
}

// Timestamps outside 2000..2200 are not LINE's; they are stored with the time of receipt.
const MIN_TS = Date.UTC(2000, 0, 1);
const MAX_TS = Date.UTC(2200, 0, 1);

export function toEventRow(event: Record<string, unknown>, receivedAt: number): WebhookEventRow {
  const source = isPlainObject(event.source) ? event.source : {};
  const delivery = isPlainObject(event.deliveryContext) ? event.deliveryContext : {};
  const ts = typeof event.timestamp === "number" && event.timestamp >= MIN_TS && event.timestamp < MAX_TS ? event.timestamp : receivedAt;
  return {
    id: webhookEventKey(event),
    type: typeof event.type === "string" ? event.type.slice(0, 64) : "(none)",
    mode: typeof event.mode === "string" ? event.mode.slice(0, 32) : null,
    line_user_id: typeof source.userId === "string" ? source.userId.slice(0, 64) : null,
    ts,
    is_redelivery: delivery.isRedelivery === true,
    payload: event,
  };
}

/** Parses a verified body into rows, or says why it is not a webhook body. */
export function parseWebhookBody(text: string, receivedAt = Date.now()): { rows: WebhookEventRow[] } | { error: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: "body is not JSON" };
  }
  if (!isPlainObject(body)) return { error: "body is not an object" };
  if (!Array.isArray(body.events)) return { error: "events is not an array" };
  if (body.events.length > WEBHOOK_MAX_EVENTS) return { error: "too many events" };
  const rows: WebhookEventRow[] = [];
  const seen = new Set<string>();
  for (const event of body.events) {
    if (!isPlainObject(event)) return { error: "an event is not an object" };
    const row = toEventRow(event, receivedAt);
    if (seen.has(row.id)) continue; // the same event twice in one body
    seen.add(row.id);
    rows.push(row);
  }
  return { rows };
}

/** PostgreSQL rejected the values (e.g. \u0000 in jsonb): the body is at fault, not the database. */
function isBadInput(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  // 22P05 untranslatable character, 22P02 invalid text representation, 22021 bad encoding,
  // 22008 datetime out of range, 54000 program limit exceeded (jsonb too deep/large).
  return typeof code === "string" && ["22P05", "22P02", "22021", "22008", "54000"].includes(code);
}

export async function receiveLineWebhook(
  raw: Uint8Array,
  signature: string | null,
  store: WebhookStore,
  options: { channelSecret?: string; log?: (message: string, error?: unknown) => void } = {},
): Promise<IntakeResult> {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[webhook] ${message}`, error ?? ""));
  if (raw.byteLength > WEBHOOK_MAX_BODY_BYTES) return answer(413, "");
  if (!verifyLineSignature(raw, signature, options.channelSecret)) return answer(401, "");
  const parsed = parseWebhookBody(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString("utf8"));
  if ("error" in parsed) return answer(400, "");
  if (parsed.rows.length === 0) return answer(200, ""); // the verify request
  let result: { fresh: string[]; enqueued: boolean };
  try {
    result = await store.store(parsed.rows);
  } catch (error) {
    if (isBadInput(error)) return answer(400, "");
    log("could not store events; answering 503 so LINE redelivers", error);
    return answer(503, "");
  }
  if (!result.enqueued) log(`stored ${result.fresh.length} events without their jobs; webhook.dispatch-stale will enqueue them`);
  return answer(200, "", result.fresh.length, parsed.rows.length - result.fresh.length);
}
