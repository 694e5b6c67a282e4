// The broadcast jobs: start a send at its time, send a run's batches (lanes), sweep for due sends and
// stalled runs every minute, and keep the segment bitmap index fresh.
import { db } from "@/lib/db";
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
  for (let lane = 0; lane < lanes; lane++) await enqueue(deliverySendRunJob, { runId, lane });
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
    // Runs nobody has touched for longer than a lease: their worker died. Start a lane again.
    const stalled = await db.$queryRawUnsafe<{ run_id: string; open: bigint; prepared: boolean }[]>(
      `select r.id as run_id, count(b.id) filter (where b.status in ('PENDING', 'SENDING')) as open, r.prepared_at is not null as prepared
       from delivery_run r left join delivery_batch b on b.run_id = r.id
       where r.status in ('SENDING', 'CANCELED') and r.finished_at is null
       group by r.id
       having greatest(max(b.updated_at), r.preparing_at, r.started_at) < now() - $1 * interval '1 millisecond'`,
      LEASE_MS + 5_000,
    );
    for (const run of stalled) {
      if (Number(run.open) > 0 || !run.prepared) await startLanes(run.run_id, 1);
      else await finishRunIfDone(db, run.run_id);
    }
  },
});

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
