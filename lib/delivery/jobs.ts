// The broadcast jobs: start a send at its time, send a run's batches (lanes), sweep for due sends and
// stalled runs every minute (and each worker looks for stalled runs every 10 s), and keep the segment
// bitmap index fresh.
import { db, type Db } from "@/lib/db";
import { isDatabaseUnavailable, logDatabaseLoss } from "@/lib/db/unavailable";
import { env, requireEnv } from "@/lib/env";
import { defineJob, type JobDefinition } from "@/lib/jobs/define-job";
import { enqueue } from "@/lib/jobs/boss";
import { deliveryPool } from "@/lib/delivery/pool";
import { runDeliveryLane, LEASE_MS } from "@/lib/delivery/send-lane";
import { startDeliveryRun, type StartRunResult } from "@/lib/delivery/start-run";
import { finishRunIfDone } from "@/lib/delivery/finish-run";
import { prepareRemainingBatches } from "@/lib/delivery/prepare-run";
import { rebuildSegmentIndex } from "@/lib/segments/segment-index";
import type { AuditActor } from "@/lib/audit/write-audit";

export const deliverySendRunJob = defineJob<{ runId: string; lane: number }>({
  name: "delivery.send-run",
  // A lane may run for minutes (a million recipients at a low rate limit); a dead worker's batches are
  // claimed again by other lanes after their lease, and delivery.sweep starts a lane for runs nobody
  // is working on.
  queue: { retryLimit: 20, retryDelay: 2, retryBackoff: true, retryDelayMax: 60, expireInSeconds: 3600 },
  localConcurrency: 2,
  pollingIntervalSeconds: 0.5,
  async handle({ runId }) {
    await runDeliveryLane({ runId, pool: deliveryPool(), prepare: () => prepareRemainingBatches(db, runId) });
    await finishRunIfDone(db, runId);
  },
});

/** Queues the lanes of a run (several worker processes can then share it). */
export async function startLanes(runId: string, lanes = env().DELIVERY_LANES): Promise<void> {
  await Promise.all(Array.from({ length: lanes }, (_, lane) => enqueue(deliverySendRunJob, { runId, lane })));
}

/** Starts a broadcast that is due now and queues its lanes. */
export async function startBroadcastNow(broadcastId: string, actor: AuditActor | null): Promise<StartRunResult> {
  const result = await startDeliveryRun(db, { broadcastId, actor });
  if (result.started && (result.batches > 0 || !result.prepared)) await startLanes(result.runId);
  if (result.started && !result.prepared) {
    // The other slices, made while the lanes send the first (not awaited: the staff member who
    // pressed send gets the answer now). Should this process stop, a lane takes over (send-lane.ts).
    const runId = result.runId;
    void prepareRemainingBatches(db, runId)
      .then(() => finishRunIfDone(db, runId))
      .catch((error: unknown) => console.error(`[delivery] preparing run ${runId} stopped; a lane will continue:`, error));
  }
  if (!result.started && result.reason === "quiet-hours" && result.nextRunAt) await scheduleStart(broadcastId, result.nextRunAt);
  return result;
}

export const deliveryStartJob = defineJob<{ broadcastId: string }>({
  name: "delivery.start",
  queue: { retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 300 },
  pollingIntervalSeconds: 1,
  async handle({ broadcastId }) {
    await startBroadcastNow(broadcastId, null);
  },
});

/** Queues the start of a broadcast at its time (delivery.sweep also starts anything overdue). */
export async function scheduleStart(broadcastId: string, at: Date): Promise<void> {
  await enqueue(deliveryStartJob, { broadcastId }, { startAfter: at });
}

export const deliverySweepJob = defineJob<Record<string, never>>({
  name: "delivery.sweep",
  schedule: { cron: "* * * * *" },
  queue: { retryLimit: 1, expireInSeconds: 600 },
  async handle() {
    // Broadcasts whose time has come (a missed start job, a worker that was down, quiet hours over).
    const due = await db.broadcast.findMany({ where: { status: "APPROVED", nextRunAt: { lte: new Date() } }, select: { id: true }, take: 100 });
    for (const { id } of due) await startBroadcastNow(id, null).catch((error) => console.error(`[delivery] could not start ${id}:`, error));
    await resumeStalledRuns();
  },
});

/** Work claimable this long with nothing written meanwhile means no lane is at work on the run. */
export const UNCLAIMED_STALL_MS = 10_000;

/**
 * Runs whose worker died. Either a batch has been claimable for UNCLAIMED_STALL_MS (PENDING past its
 * retry time, or SENDING past its lease) and nothing of the run was written meanwhile — a live lane claims
 * such a batch within a second —; or nothing was written for longer than a lease and no batch is waiting
 * for a retry time (a preparer nobody replaced, a cancel nobody finished). Cancelled runs count too, so
 * that they get finished.
 */
export async function findStalledRuns(database: Db = db): Promise<{ runId: string; open: number; prepared: boolean }[]> {
  const rows = await database.$queryRawUnsafe<{ run_id: string; open: bigint; prepared: boolean }[]>(
    `select r.id as run_id, count(b.id) filter (where b.status in ('PENDING', 'SENDING')) as open, r.prepared_at is not null as prepared
     from delivery_run r left join delivery_batch b on b.run_id = r.id
     where r.status in ('SENDING', 'CANCELED') and r.finished_at is null
     group by r.id
     having (greatest(max(b.updated_at), r.preparing_at, r.started_at) < now() - $2 * interval '1 millisecond'
             and count(b.id) filter (where (b.status = 'PENDING' and b.next_attempt_at < now() - $2 * interval '1 millisecond')
                                        or (b.status = 'SENDING' and b.lease_until < now() - $2 * interval '1 millisecond')) > 0)
         or (greatest(max(b.updated_at), r.preparing_at, r.started_at) < now() - $1 * interval '1 millisecond'
             and count(b.id) filter (where b.status = 'PENDING' and b.next_attempt_at > now()) = 0)`,
    LEASE_MS + 5_000,
    UNCLAIMED_STALL_MS,
  );
  return rows.map((r) => ({ runId: r.run_id, open: Number(r.open), prepared: r.prepared }));
}

/** Starts a lane for each stalled run (or finishes it, if nothing is left to send). */
export async function resumeStalledRuns(database: Db = db): Promise<number> {
  const stalled = await findStalledRuns(database);
  for (const run of stalled) {
    if (run.open > 0 || !run.prepared) {
      console.log(`[delivery] run ${run.runId}: no lane is working on it (its worker stopped); starting one`);
      await startLanes(run.runId, 1);
    } else await finishRunIfDone(database, run.runId);
  }
  return stalled.length;
}

/** How often each worker process looks for stalled runs (besides the minute's delivery.sweep). */
export const STALLED_RUN_CHECK_MS = 10_000;

/**
 * In the worker: looks for stalled runs every STALLED_RUN_CHECK_MS, so a send whose worker was killed
 * goes on 10–20 s later (the dead worker's own batches once their leases run out) instead of up to
 * 95 s later at the minute's sweep.
 */
export function watchStalledRuns(): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    resumeStalledRuns()
      .catch((error: unknown) =>
        isDatabaseUnavailable(error)
          ? logDatabaseLoss("[delivery] looking for stalled runs failed: データベースに接続できません（再試行します）")
          : console.error(`[delivery] looking for stalled runs failed: ${(error as Error).stack}`),
      )
      .finally(() => (running = false));
  }, STALLED_RUN_CHECK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

export const segmentIndexJob = defineJob<Record<string, never>>({
  name: "segments.rebuild-index",
  schedule: { cron: "* * * * *" },
  queue: { retryLimit: 1, expireInSeconds: 900 },
  async handle() {
    const result = await rebuildSegmentIndex(requireEnv("DATABASE_URL"), { onlyIfDirty: true });
    if ("buildId" in result && result.mode === "full") console.log(`[segments] bitmap index rebuilt: ${JSON.stringify(result)}`);
  },
});

export const BROADCAST_JOBS = [deliverySendRunJob, deliveryStartJob, deliverySweepJob, segmentIndexJob] as unknown as JobDefinition<never>[];
