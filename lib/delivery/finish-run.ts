// Closing a run once no batch is left to send: its outcome (SENT, PARTIAL, FAILED, or CANCELED), and
// the broadcast's next state — SENT/FAILED for a one-off, APPROVED with the next occurrence for a
// recurring one (SENT when its series has ended). Safe to call any number of times from any worker:
// the conditional updates let exactly one caller close the run.
import type { Db } from "@/lib/db";
import { writeAudit, SYSTEM_ACTOR } from "@/lib/audit/write-audit";
import { nextOccurrence, recurrenceSchema } from "@/lib/broadcasts/schedule";

type Totals = { open: bigint; sent: bigint; failed: bigint; canceled: bigint; sent_recipients: bigint | null; failed_recipients: bigint | null; first_accepted: Date | null; last_accepted: Date | null };

export async function finishRunIfDone(db: Db, runId: string): Promise<"finished" | "open" | "already"> {
  return db.$transaction(async (tx) => {
    const [totals] = await tx.$queryRawUnsafe<Totals[]>(
      `select count(*) filter (where status in ('PENDING', 'SENDING')) as open,
              count(*) filter (where status = 'SENT') as sent,
              count(*) filter (where status = 'FAILED') as failed,
              count(*) filter (where status = 'CANCELED') as canceled,
              sum(recipient_count) filter (where status = 'SENT') as sent_recipients,
              sum(recipient_count) filter (where status = 'FAILED') as failed_recipients,
              min(accepted_at) as first_accepted, max(accepted_at) as last_accepted
       from delivery_batch where run_id = $1::uuid`,
      runId,
    );
    if (!totals || Number(totals.open) > 0) return "open";
    const run = await tx.deliveryRun.findUnique({ where: { id: runId }, include: { broadcast: true } });
    if (!run || run.finishedAt) return "already";
    // Slices still to be made (prepare-run.ts): more batches are coming.
    if (!run.preparedAt) return "open";
    const sent = Number(totals.sent);
    const failed = Number(totals.failed);
    const canceled = run.status === "CANCELED" || Number(totals.canceled) > 0;
    const status = canceled ? "CANCELED" : failed === 0 ? "SENT" : sent === 0 ? "FAILED" : "PARTIAL";
    const closed = await tx.deliveryRun.updateMany({
      where: { id: runId, finishedAt: null },
      data: { status, finishedAt: new Date(), firstAcceptedAt: totals.first_accepted, lastAcceptedAt: totals.last_accepted },
    });
    if (closed.count === 0) return "already";

    const broadcast = run.broadcast;
    if (broadcast.status === "SENDING") {
      let next: { status: "APPROVED" | "SENT" | "FAILED"; nextRunAt: Date | null };
      const recurrence = broadcast.scheduleKind === "RECURRING" ? recurrenceSchema.safeParse(broadcast.recurrence) : null;
      if (recurrence?.success && status !== "CANCELED") {
        // The next occurrence after this one (a minute later, so the same one is never chosen again).
        const upcoming = nextOccurrence(recurrence.data, new Date(Math.max(run.scheduledFor.getTime(), Date.now()) + 60_000));
        next = upcoming ? { status: "APPROVED", nextRunAt: upcoming } : { status: "SENT", nextRunAt: null };
      } else {
        next = { status: status === "FAILED" ? "FAILED" : "SENT", nextRunAt: null };
      }
      await tx.broadcast.updateMany({ where: { id: broadcast.id, status: "SENDING" }, data: next });
    }
    await writeAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: "broadcast.delivered",
      target: { type: "broadcast", id: broadcast.id },
      summary: {
        run: run.seq,
        status,
        recipients: run.recipients,
        sentRecipients: Number(totals.sent_recipients ?? 0),
        failedRecipients: Number(totals.failed_recipients ?? 0),
        seconds: totals.last_accepted ? (totals.last_accepted.getTime() - run.startedAt.getTime()) / 1000 : null,
      },
    });
    return "finished";
  });
}
