// pg-boss on Kairan's own database (schema "pgboss"): one queue per job. Web instances only send;
// worker processes (`npm run worker`) work the queues; both may run as many copies as needed.
import { PgBoss } from "pg-boss";
import { env, requireEnv } from "@/lib/env";
import type { JobDefinition } from "@/lib/jobs/define-job";
import { isDatabaseUnavailable, logDatabaseLoss } from "@/lib/db/unavailable";
import { keptPoolOptions, openConnections } from "@/lib/db/client";

export const JOB_SCHEMA = "pgboss";
const TIME_ZONE = "Asia/Tokyo";

// pg-boss hands these to its pg.Pool as they are (pg-boss/dist/db.js), pool options included.
function baseOptions(connectionString: string, max: number) {
  return { ...keptPoolOptions(connectionString, max, "kairan-jobs"), schema: JOB_SCHEMA };
}

/**
 * Installs or upgrades pg-boss's tables and creates every queue with its options. Runs with the
 * migrations (start script, `npm run db:migrate`, test setup), so app instances never race to do it.
 */
export async function installJobQueues(connectionString: string, jobs: JobDefinition<never>[]): Promise<void> {
  const boss = new PgBoss({ ...baseOptions(connectionString, 2), supervise: false, schedule: false, migrate: true });
  boss.on("error", (error) => console.error("[jobs] install", error));
  await boss.start();
  try {
    for (const job of jobs) {
      const existing = await boss.getQueue(job.name);
      if (existing) await boss.updateQueue(job.name, job.queue);
      else await boss.createQueue(job.name, job.queue);
    }
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

/**
 * pg-boss's "error" events, for the log. While PostgreSQL restarts every queue's poll fails at once; one
 * line each then (what and which queue) instead of the whole error object, so the log stays readable.
 */
export function logJobError(error: unknown): void {
  if (isDatabaseUnavailable(error)) {
    const e = error as { message?: string; code?: string; queue?: string };
    logDatabaseLoss(`[jobs] データベースに接続できません（再試行します）: ${e.queue ? `${e.queue}: ` : ""}${(e.message ?? "").replace(/ \(Queue: .*\)$/, "")}${e.code ? ` [${e.code}]` : ""}`);
    return;
  }
  console.error("[jobs]", error);
}

const globalForBoss = globalThis as unknown as { kairanSender?: Promise<PgBoss> };

/** Connections of a process's sender: a broadcast's lanes are queued together (two by default). */
const SENDER_CONNECTIONS = 2;

/** A sender for this process (no maintenance, no polling): what web instances use to enqueue. */
function sender(): Promise<PgBoss> {
  if (!globalForBoss.kairanSender) {
    const starting = (async () => {
      const boss = new PgBoss({ ...baseOptions(requireEnv("DATABASE_URL"), SENDER_CONNECTIONS), supervise: false, schedule: false, migrate: false });
      boss.on("error", logJobError);
      await boss.start();
      // Both connections now: pg-boss's start opens one, and the second lane of a process's first
      // send waited 97 ms for the other (bench:broadcast, docs/benchmarks.md). Not opened now
      // (the database went away meanwhile): the first job opens it, as before.
      await openConnections(SENDER_CONNECTIONS, () => boss.getDb().executeSql("select 1")).catch(() => undefined);
      return boss;
    })();
    globalForBoss.kairanSender = starting;
    // A start that failed (the database unreachable) is tried again by the next job, not kept.
    starting.catch(() => {
      if (globalForBoss.kairanSender === starting) globalForBoss.kairanSender = undefined;
    });
  }
  return globalForBoss.kairanSender;
}

/**
 * Starts this process's sender now instead of at its first job (the web server, at boot): starting it
 * — a pool, its connections, pg-boss's checks — is most of what queuing a broadcast's lanes costs a
 * freshly started process (two lanes: 131–151 ms, against 41–48 ms with the sender started;
 * docs/benchmarks.md, bench:broadcast).
 */
export async function startJobSender(): Promise<void> {
  await sender();
}

/** Closes this process's sender, if one was started (scripts that drop their database after use). */
export async function stopJobSender(): Promise<void> {
  const sending = globalForBoss.kairanSender;
  globalForBoss.kairanSender = undefined;
  // One whose start failed has nothing to stop.
  const boss = await sending?.catch(() => null);
  await boss?.stop({ graceful: false, close: true });
}

export async function enqueue<T extends object>(job: JobDefinition<T>, data: T, options: { singletonKey?: string; startAfter?: Date } = {}): Promise<string | null> {
  const boss = await sender();
  return boss.send(job.name, data, options);
}

export type Worker = { stop(): Promise<void> };

/**
 * Works every queue until stopped; schedules the recurring jobs (Japan time). The worker LISTENs (one
 * connection) so that a job created on a queue with `notify` (every queue: DEFAULT_QUEUE_OPTIONS) is
 * fetched at once — measured up to 0.5 s sooner for a broadcast's lanes; each queue still polls at its
 * own interval (retries, jobs due later, a dropped listener), as before.
 */
export async function startWorker(jobs: JobDefinition<never>[], options: { connectionString?: string } = {}): Promise<Worker> {
  const boss = new PgBoss({ ...baseOptions(options.connectionString ?? requireEnv("DATABASE_URL"), env().DATABASE_POOL_SIZE), migrate: false, useListenNotify: true });
  boss.on("error", logJobError);
  await boss.start();
  for (const job of jobs) {
    await boss.work<object>(
      job.name,
      {
        batchSize: job.batchSize ?? 1,
        localConcurrency: job.localConcurrency ?? 1,
        pollingIntervalSeconds: job.pollingIntervalSeconds ?? 2,
        // While NOTIFY works pg-boss would poll only every 30 s; retries and delayed jobs need the usual pace.
        notifyPollingIntervalSeconds: job.pollingIntervalSeconds ?? 2,
      },
      async (batch) => {
        for (const item of batch) {
          try {
            await job.handle(item.data as never, { jobId: item.id, retryCount: item.retryCount, signal: item.signal });
          } catch (error) {
            console.error(`[jobs] ${job.name} ${item.id} attempt ${item.retryCount + 1} failed:`, error);
            throw error;
          }
        }
      },
    );
    if (job.schedule) await boss.schedule(job.name, job.schedule.cron, job.schedule.data ?? {}, { tz: TIME_ZONE });
  }
  return { stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
