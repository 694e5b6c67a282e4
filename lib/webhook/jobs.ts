// The chat's jobs: handling events, re-dispatching events whose job was lost, resending stuck
// messages, and purging old events.
import { db, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs/boss";
import { defineJob } from "@/lib/jobs/define-job";
import { handleWebhookEvent } from "@/lib/webhook/handle-event";
import { HANDLE_EVENT_JOB_NAME } from "@/lib/webhook/intake-store";
import { OUTBOUND_MAX_ATTEMPTS, sendOutbound } from "@/lib/webhook/outbox";

const HANDLE_RETRY_LIMIT = 6;

export const handleEventJob = defineJob<{ eventId: string }>({
  name: HANDLE_EVENT_JOB_NAME,
  // Residents wait for the answer: poll often, several at a time. A failing event retries with
  // backoff (2 s, 4 s, 8 s … ≤ 5 min) and ends FAILED on the event row and the job.
  queue: { retryLimit: HANDLE_RETRY_LIMIT, retryDelay: 2, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 180 },
  batchSize: 4,
  localConcurrency: 4,
  pollingIntervalSeconds: 0.5,
  async handle({ eventId }, context) {
    await handleWebhookEvent(db, { eventId, final: context.retryCount >= HANDLE_RETRY_LIMIT });
  },
});

export const sendOutboundJob = defineJob<{ outboundId: string }>({
  name: "line.send-outbound",
  queue: { retryLimit: OUTBOUND_MAX_ATTEMPTS, retryDelay: 5, retryBackoff: true, retryDelayMax: 600 },
  localConcurrency: 2,
  pollingIntervalSeconds: 1,
  async handle({ outboundId }) {
    await sendOutbound(db, outboundId);
  },
});

/** Events and messages older than this without progress are picked up again. */
const STALE_AFTER = "2 minutes";
const STALE_BATCH = 500;

/** Events stored but never handled (their job was lost) and messages stuck in PENDING. */
export async function findStaleWork(database: Db): Promise<{ eventIds: string[]; outboundIds: string[] }> {
  const events = await database.$queryRaw<{ id: string }[]>`
    SELECT id FROM webhook_event
    WHERE status IN ('RECEIVED', 'HANDLING') AND received_at < now() - ${STALE_AFTER}::interval
      AND (locked_until IS NULL OR locked_until < now())
    ORDER BY received_at LIMIT ${STALE_BATCH}`;
  const outbound = await database.$queryRaw<{ id: string }[]>`
    SELECT id FROM outbound_message
    WHERE status = 'PENDING' AND created_at < now() - ${STALE_AFTER}::interval
      AND (locked_until IS NULL OR locked_until < now()) AND attempts < ${OUTBOUND_MAX_ATTEMPTS}
    ORDER BY created_at LIMIT ${STALE_BATCH}`;
  return { eventIds: events.map((e) => e.id), outboundIds: outbound.map((o) => o.id) };
}

export const dispatchStaleJob = defineJob<Record<string, never>>({
  name: "webhook.dispatch-stale",
  schedule: { cron: "* * * * *" },
  queue: { retryLimit: 1, expireInSeconds: 50 },
  async handle() {
    const { eventIds, outboundIds } = await findStaleWork(db);
    for (const eventId of eventIds) await enqueue(handleEventJob, { eventId });
    for (const outboundId of outboundIds) await enqueue(sendOutboundJob, { outboundId });
    if (eventIds.length || outboundIds.length) console.log(`[jobs] webhook.dispatch-stale: ${eventIds.length} events, ${outboundIds.length} messages`);
  },
});

/** Deletes events older than WEBHOOK_EVENT_RETENTION_DAYS, the messages sent for them, and expired steps. */
export async function purgeWebhookEvents(database: Db, now = new Date()): Promise<{ events: number; outbound: number; steps: number }> {
  const cutoff = new Date(now.getTime() - env().WEBHOOK_EVENT_RETENTION_DAYS * 86_400_000);
  let events = 0;
  // In batches, so a large backlog never holds one long transaction.
  for (;;) {
    const deleted = await database.$executeRaw`
      DELETE FROM webhook_event WHERE id IN (SELECT id FROM webhook_event WHERE received_at < ${cutoff} LIMIT 5000)`;
    events += deleted;
    if (deleted < 5000) break;
  }
  // Staff replies stay with their conversation; automatic messages go with their event.
  const outbound = await database.outboundMessage.deleteMany({ where: { createdAt: { lt: cutoff }, inboxMessageId: null, status: { not: "PENDING" } } });
  const steps = await database.pendingConversationStep.deleteMany({ where: { expiresAt: { lt: now } } });
  return { events, outbound: outbound.count, steps: steps.count };
}

export const purgeEventsJob = defineJob<Record<string, never>>({
  name: "webhook.purge-events",
  schedule: { cron: "40 3 * * *" },
  async handle() {
    const purged = await purgeWebhookEvents(db);
    if (purged.events || purged.outbound || purged.steps) console.log(`[jobs] webhook.purge-events: ${JSON.stringify(purged)}`);
  },
});
