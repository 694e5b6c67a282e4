// Handling one stored webhook event (the webhook.handle-event job). Safe to run any number of times:
//  1. claim the event (RECEIVED → HANDLING with a lock), or do nothing if it is handled or held;
//  2. in one transaction: the handler's writes, the messages to send (outbound_message) and the
//     event marked HANDLED — all or nothing;
//  3. after commit, send the messages (lib/webhook/outbox.ts; reply token while fresh, else push).
// A retry after step 2 only resends what is still pending; a failure before it leaves the event to
// be claimed again. Unknown event types, standby mode and group/room events are marked SKIPPED.
import type { Db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { HANDLED_EVENT_TYPES } from "@/lib/webhook/event-types";
import { EVENT_HANDLERS } from "@/lib/webhook/handlers";
import type { HandlerOutput } from "@/lib/webhook/handlers/types";
import { flushOutboundForEvent, queueOutbound } from "@/lib/webhook/outbox";
import type { StoredEvent } from "@/lib/webhook/context";
import "@/lib/webhook/features";

/** A worker that dies holding an event releases it after this long. */
const CLAIM_LOCK = "2 minutes";

export type HandleEventResult = { status: "handled" | "skipped" | "not-claimed"; outcome?: string };

type ClaimedRow = { id: string; type: string; mode: string | null; line_user_id: string | null; occurred_at: Date; received_at: Date; payload: Record<string, unknown> };

/** Why an event is stored but not acted on, or null. */
export function skipReason(event: Pick<StoredEvent, "type" | "mode" | "lineUserId" | "payload">): string | null {
  if (!HANDLED_EVENT_TYPES.has(event.type)) return `skipped:type:${event.type}`;
  // Standby: another channel (module) is answering this chat; Kairan must stay silent.
  if (event.mode === "standby") return "skipped:standby";
  const source = event.payload.source as { type?: string } | undefined;
  if (source?.type !== "user" || !event.lineUserId) return "skipped:not-a-one-to-one-chat";
  return null;
}

export async function handleWebhookEvent(db: Db, { eventId, final = false, now = () => new Date() }: { eventId: string; final?: boolean; now?: () => Date }): Promise<HandleEventResult> {
  const claimed = await db.$queryRaw<ClaimedRow[]>`
    UPDATE webhook_event
    SET status = 'HANDLING', attempts = attempts + 1, locked_until = now() + ${CLAIM_LOCK}::interval, error = NULL
    WHERE id = ${eventId} AND (status IN ('RECEIVED', 'FAILED') OR (status = 'HANDLING' AND locked_until < now()))
    RETURNING id, type, mode, line_user_id, occurred_at, received_at, payload`;
  const row = claimed[0];
  if (!row) {
    // Already handled (a duplicate job, or a retry after the transaction): finish sending.
    await flushOutboundForEvent(db, eventId);
    return { status: "not-claimed" };
  }
  const event: StoredEvent = { id: row.id, type: row.type, mode: row.mode, lineUserId: row.line_user_id, occurredAt: row.occurred_at, receivedAt: row.received_at, payload: row.payload };

  const skip = skipReason(event);
  if (skip) {
    await db.webhookEvent.update({ where: { id: eventId }, data: { status: "SKIPPED", outcome: skip, handledAt: now(), lockedUntil: null } });
    return { status: "skipped", outcome: skip };
  }

  let output: HandlerOutput;
  try {
    output = await db.$transaction(
      async (tx) => {
        const at = now();
        const result = await EVENT_HANDLERS[event.type]!(tx, event, at);
        const messages = result.messages ?? [];
        if (messages.length > 0 && event.lineUserId) {
          await queueOutbound(tx, {
            lineUserId: event.lineUserId,
            residentId: result.residentId ?? null,
            purpose: result.purpose ?? result.outcome,
            messages,
            webhookEventId: event.id,
            replyToken: typeof event.payload.replyToken === "string" ? event.payload.replyToken : null,
            eventAt: event.occurredAt,
            receivedAt: event.receivedAt,
          });
        }
        await tx.webhookEvent.update({
          where: { id: eventId },
          data: { status: result.status ?? "HANDLED", outcome: result.outcome.slice(0, 200), handledAt: at, lockedUntil: null },
        });
        return result;
      },
      { maxWait: 10_000, timeout: 45_000 },
    );
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await db.webhookEvent
      .update({ where: { id: eventId }, data: { status: final ? "FAILED" : "RECEIVED", error: message.slice(0, 2000), lockedUntil: null } satisfies Prisma.WebhookEventUpdateInput })
      .catch(() => undefined);
    throw error;
  }
  await flushOutboundForEvent(db, eventId);
  return { status: output.status === "SKIPPED" ? "skipped" : "handled", outcome: output.outcome };
}
