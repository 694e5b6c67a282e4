// A background job: a name that reads like `area.verb-noun`, the pg-boss queue options it runs
// with, and a handler that is safe to run twice. Retries back off exponentially; after the last
// retry pg-boss records the job as `failed` with the error as its output (never silently dropped).
import type { Queue } from "pg-boss";

/** A queue's pg-boss options (retries, expiry, notify …). */
export type QueueOptions = Omit<Queue, "name">;

export type JobContext = { jobId: string; retryCount: number; signal: AbortSignal };

export type JobDefinition<T extends object = object> = {
  name: string;
  queue: QueueOptions;
  /** Jobs fetched per poll and handled one after another. */
  batchSize?: number;
  /** Polls running at once in one worker process. */
  localConcurrency?: number;
  pollingIntervalSeconds?: number;
  /** Recurring run (cron, Japan time). */
  schedule?: { cron: string; data?: T };
  handle(data: T, context: JobContext): Promise<void>;
};

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = {
  retryLimit: 5,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 600,
  expireInSeconds: 15 * 60,
  // Failed jobs stay for two weeks so staff and operators can see what failed and why.
  deleteAfterSeconds: 14 * 86_400,
  // A job created to run now wakes a worker at once (PostgreSQL NOTIFY, see lib/jobs/boss.ts) instead of
  // at its next poll: a resident's chat answer, a broadcast's lanes. Polling stays as it was.
  notify: true,
};

export function defineJob<T extends object>(definition: Omit<JobDefinition<T>, "queue"> & { queue?: QueueOptions }): JobDefinition<T> {
  const queue = { ...DEFAULT_QUEUE_OPTIONS, ...definition.queue };
  if (!queue.retryBackoff) delete queue.retryDelayMax; // pg-boss accepts a maximum only with backoff
  return { ...definition, queue } as JobDefinition<T>;
}
