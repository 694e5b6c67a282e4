// Live progress and the completion report of delivery runs: sent / failed / remaining (recipients),
// the current rate, an estimated end, who started it. One grouped query over the run's batches
// (≤ 2,000 rows for a million recipients).
import type { DbTx } from "@/lib/db";
import type { DeliveryRunStatus } from "@/generated/prisma/enums";

export type RunProgress = {
  runId: string;
  broadcastId: string;
  seq: number;
  status: DeliveryRunStatus;
  startedByLabel: string;
  recipients: number;
  batches: number;
  batchCreationMs: number;
  sent: number;
  failed: number;
  canceled: number;
  remaining: number;
  sentBatches: number;
  failedBatches: number;
  /** Recipients accepted per second over the last 5 seconds (while sending), or on average (when done). */
  ratePerSecond: number;
  startedAt: string;
  firstAcceptedAt: string | null;
  lastAcceptedAt: string | null;
  finishedAt: string | null;
  estimatedEndAt: string | null;
  /** Seconds from start to the last batch LINE accepted. */
  seconds: number | null;
};

type Row = {
  id: string;
  broadcast_id: string;
  seq: number;
  status: DeliveryRunStatus;
  started_by_label: string;
  recipients: number;
  batch_count: number;
  batch_creation_ms: number;
  started_at: Date;
  finished_at: Date | null;
  /** False while slices of batches are still being made (prepare-run.ts). */
  prepared: boolean;
  sent: bigint;
  failed: bigint;
  canceled: bigint;
  remaining: bigint;
  sent_batches: bigint;
  failed_batches: bigint;
  recent: bigint;
  first_accepted: Date | null;
  last_accepted: Date | null;
  now: Date;
};

const RECENT_SECONDS = 5;

function toProgress(row: Row): RunProgress {
  const sent = Number(row.sent);
  // While slices are still being made, the residents without a batch yet are remaining too.
  const remaining = row.prepared
    ? Number(row.remaining)
    : Math.max(Number(row.remaining), row.recipients - sent - Number(row.failed) - Number(row.canceled));
  const running = row.finished_at === null && (row.status === "SENDING" || row.status === "CANCELED");
  const seconds = row.last_accepted ? (row.last_accepted.getTime() - row.started_at.getTime()) / 1000 : null;
  const rate = running ? Number(row.recent) / RECENT_SECONDS : seconds && seconds > 0 ? sent / seconds : 0;
  const estimatedEndAt = running && remaining > 0 && rate > 0 ? new Date(row.now.getTime() + (remaining / rate) * 1000).toISOString() : null;
  return {
    runId: row.id,
    broadcastId: row.broadcast_id,
    seq: row.seq,
    status: row.status,
    startedByLabel: row.started_by_label,
    recipients: row.recipients,
    batches: row.batch_count,
    batchCreationMs: row.batch_creation_ms,
    sent,
    failed: Number(row.failed),
    canceled: Number(row.canceled),
    remaining,
    sentBatches: Number(row.sent_batches),
    failedBatches: Number(row.failed_batches),
    ratePerSecond: Math.round(rate),
    startedAt: row.started_at.toISOString(),
    firstAcceptedAt: row.first_accepted?.toISOString() ?? null,
    lastAcceptedAt: row.last_accepted?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    estimatedEndAt,
    seconds,
  };
}

async function progressWhere(db: DbTx, where: string, value: string | string[]): Promise<RunProgress[]> {
  const rows = await db.$queryRawUnsafe<Row[]>(
    `select r.id, r.broadcast_id, r.seq, r.status, r.started_by_label, r.recipients, r.batch_count, r.batch_creation_ms,
            r.started_at, r.finished_at, r.prepared_at is not null as prepared,
            coalesce(sum(b.recipient_count) filter (where b.status = 'SENT'), 0) as sent,
            coalesce(sum(b.recipient_count) filter (where b.status = 'FAILED'), 0) as failed,
            coalesce(sum(b.recipient_count) filter (where b.status = 'CANCELED'), 0) as canceled,
            coalesce(sum(b.recipient_count) filter (where b.status in ('PENDING', 'SENDING')), 0) as remaining,
            count(b.id) filter (where b.status = 'SENT') as sent_batches,
            count(b.id) filter (where b.status = 'FAILED') as failed_batches,
            coalesce(sum(b.recipient_count) filter (where b.status = 'SENT' and b.accepted_at > now() - interval '${RECENT_SECONDS} seconds'), 0) as recent,
            min(b.accepted_at) as first_accepted, max(b.accepted_at) as last_accepted, now() as now
     from delivery_run r left join delivery_batch b on b.run_id = r.id
     where ${where}
     group by r.id
     order by r.seq desc`,
    value,
  );
  return rows.map(toProgress);
}

/** Every run of one broadcast, newest first. */
export function broadcastRuns(db: DbTx, broadcastId: string): Promise<RunProgress[]> {
  return progressWhere(db, "r.broadcast_id = $1::uuid", broadcastId);
}

/** The newest run of each broadcast (for lists and live polling). */
export async function latestRunProgress(db: DbTx, broadcastIds: string[]): Promise<Map<string, RunProgress>> {
  if (broadcastIds.length === 0) return new Map();
  const runs = await progressWhere(
    db,
    "r.id in (select distinct on (broadcast_id) id from delivery_run where broadcast_id = any($1::uuid[]) order by broadcast_id, seq desc)",
    broadcastIds,
  );
  return new Map(runs.map((run) => [run.broadcastId, run]));
}
