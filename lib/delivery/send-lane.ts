// Sending a run's batches (one "lane"; a run has DELIVERY_LANES of them so several worker processes
// can share it). A lane claims batches with FOR UPDATE SKIP LOCKED and a lease, sends each with
// multicast and its own X-Line-Retry-Key through the shared rate limiter, and records the outcome:
//
//   200, or 409 "already accepted" → SENT (a 409 means an earlier attempt got through: success)
//   5xx, timeout, dropped connection → PENDING again with backoff, same retry key (LINE accepts a
//                                     key at most once, so a retry can never deliver twice)
//   429 rate limit → PENDING again, and every worker pauses (the shared bucket)
//   429 monthly limit, 400 and other 4xx → FAILED with LINE's message and details
//
// A worker killed mid-batch leaves its batches SENDING; when the lease runs out any lane claims them
// again and resends with the same key (→ 409 if LINE had accepted). So nothing is lost and nothing is
// sent twice. Outcomes are written in groups (one UPDATE for many batches): losing a group only means
// those batches are resent with their keys and answered 409.
//
// Why not one pg-boss job per batch: pg-boss's poller waits ≥ 0.5 s between fetches and the shared
// worker (lib/jobs/boss.ts) handles a fetched group one job after another, failing the whole group
// when one throws; at 1,800 multicasts a second that would be the bottleneck. Lanes are pg-boss jobs
// (retried, recorded); the batches inside are claimed with our own query.
import type pg from "pg";
import { classifyLineError } from "@/lib/line/errors";
import { getMessagingApiClient } from "@/lib/line/clients";
import { TRANSPORT_REQUEST_TIMEOUT_MS, withLineTransport } from "@/lib/line/transport";
import type { LineMessage } from "@/lib/line/messages";
import { env } from "@/lib/env";
import { RECIPIENTS_HEX_SQL, decodeRecipientsHex } from "@/lib/delivery/recipients";
import { multicastRateLimit, processRateLimiter, type SharedRateLimiter } from "@/lib/delivery/rate-limiter";
import { PREPARE_STALL_MS } from "@/lib/delivery/prepare-run";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

/** After this long without an outcome, a claimed batch may be claimed again (a worker died). */
export const LEASE_MS = 30_000;
/** A multicast that has not answered by then counts as a timeout (retried with its key). */
export const REQUEST_TIMEOUT_MS = TRANSPORT_REQUEST_TIMEOUT_MS;
/** Attempts (each with the same key) before a batch that keeps failing is given up. */
export const MAX_ATTEMPTS = 15;
/** A 429 pauses all workers this long. LINE sends no Retry-After (FACTS.md §2). */
export const RATE_LIMITED_PAUSE_MS = 1_000;

export type MulticastRequest = { to: string[]; messages: LineMessage[]; notificationDisabled: boolean; retryKey: string };
export type MulticastResult = { status: number; requestId: string | null };
/** The HTTP call (injectable for tests); must throw as @line/bot-sdk does (HTTPFetchError). */
export type MulticastSender = (request: MulticastRequest) => Promise<MulticastResult>;

export const lineMulticast: MulticastSender = async (request) => {
  const client = getMessagingApiClient();
  // Over the worker's keep-alive transport (lib/line/transport.ts): half the CPU of Node's fetch.
  const call = withLineTransport(() =>
    client.multicastWithHttpInfo({ to: request.to, messages: request.messages, notificationDisabled: request.notificationDisabled }, request.retryKey),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // @line/bot-sdk's fetch takes no signal: the late answer is ignored, and the retry uses the same key.
    timer = setTimeout(() => reject(Object.assign(new Error("multicast timed out"), { name: "TimeoutError" })), REQUEST_TIMEOUT_MS);
  });
  try {
    const { httpResponse } = await Promise.race([call, timeout]);
    return { status: httpResponse.status, requestId: httpResponse.headers.get("x-line-request-id") };
  } finally {
    clearTimeout(timer);
  }
};

/** recipients: the packed ids in hex (recipients.ts). */
type Claimed = { id: string; seq: number; language: string; recipients: string; retry_key: string; attempts: number };

type Outcome = {
  id: string;
  status: "SENT" | "PENDING" | "FAILED";
  http: number | null;
  requestId: string | null;
  acceptedRequestId: string | null;
  error: string | null;
  details: unknown;
  retryInMs: number | null;
  /** 429: the attempt does not count. */
  refund: boolean;
};

export type LaneOptions = {
  runId: string;
  pool: pg.Pool;
  send?: MulticastSender;
  concurrency?: number;
  limiter?: SharedRateLimiter;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Makes the run's remaining slices of batches (prepare-run.ts) when their preparer has stopped. */
  prepare?: () => Promise<unknown>;
};

export type LaneResult = { sent: number; retried: number; failed: number; rateLimited: number };

/** Runs a lane's query, waiting out a database restart (up to a minute) instead of failing the lane. */
async function patiently<T>(query: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await query();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() > deadline || signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

export function backoffMs(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.5 + Math.random() / 2));
}

// The next batches in seq order: those whose lease ran out (a worker died), then those waiting. Each
// branch walks delivery_batch_run_id_status_seq_idx from the start of its (run, status) range and stops
// after $2 rows; one condition over both statuses made PostgreSQL read and sort every open batch of
// the run on every claim (~10 ms for a million recipients).
const CLAIM_SQL = `
update delivery_batch b
set status = 'SENDING', lease_until = now() + $3 * interval '1 millisecond', attempts = b.attempts + 1, updated_at = now()
where b.id in (
  select c.id from (
    select expired.id from (
      select id from delivery_batch
      where run_id = $1::uuid and status = 'SENDING' and lease_until < now()
      order by seq limit $2 for update skip locked) expired
    union all
    select waiting.id from (
      select id from delivery_batch
      where run_id = $1::uuid and status = 'PENDING' and next_attempt_at <= now()
      order by seq limit $2 for update skip locked) waiting
  ) c
  where exists (select 1 from delivery_run r where r.id = $1::uuid and r.status = 'SENDING')
  limit $2)
returning b.id, b.seq, b.language, ${RECIPIENTS_HEX_SQL} as recipients, b.retry_key, b.attempts`;

const OPEN_SQL = `
select count(*)::int as open,
       extract(epoch from (least(min(next_attempt_at) filter (where status = 'PENDING'),
                                 min(lease_until) filter (where status = 'SENDING')) - now())) * 1000 as next_in_ms,
       (select r.prepared_at is not null from delivery_run r where r.id = $1::uuid) as prepared,
       (select extract(epoch from now() - coalesce(r.preparing_at, r.started_at)) * 1000 from delivery_run r where r.id = $1::uuid) as preparing_silent_ms
from delivery_batch where run_id = $1::uuid and status in ('PENDING', 'SENDING')`;

const RECORD_SQL = `
update delivery_batch b
set status = v.status::delivery_batch_status,
    http_status = v.http,
    request_id = coalesce(v.request_id, b.request_id),
    accepted_request_id = coalesce(v.accepted_request_id, b.accepted_request_id),
    accepted_at = case when v.status = 'SENT' then now() else b.accepted_at end,
    last_error = v.error,
    error_details = v.details::jsonb,
    next_attempt_at = case when v.retry_ms is null then b.next_attempt_at else now() + v.retry_ms * interval '1 millisecond' end,
    attempts = b.attempts - case when v.refund then 1 else 0 end,
    rate_limited_count = b.rate_limited_count + case when v.http = 429 then 1 else 0 end,
    lease_until = null,
    updated_at = now()
from unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::bool[])
  as v(id, status, http, request_id, accepted_request_id, error, details, retry_ms, refund)
where b.id = v.id and b.status = 'SENDING'`;

/** Writes outcomes in groups: one statement per ~25 ms instead of one per batch. */
class OutcomeRecorder {
  private queue: Outcome[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private pool: pg.Pool) {}

  add(outcome: Outcome): void {
    this.queue.push(outcome);
    if (this.queue.length >= 64) void this.flush().catch(() => undefined);
    else this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), 25);
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.flushing) await this.flushing.catch(() => undefined);
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.pool
      .query(RECORD_SQL, [
        batch.map((o) => o.id),
        batch.map((o) => o.status),
        batch.map((o) => o.http),
        batch.map((o) => o.requestId),
        batch.map((o) => o.acceptedRequestId),
        batch.map((o) => o.error),
        batch.map((o) => (o.details === null || o.details === undefined ? null : JSON.stringify(o.details))),
        batch.map((o) => o.retryInMs),
        batch.map((o) => o.refund),
      ])
      .then(() => undefined)
      .catch((error: unknown) => {
        // The database went away: keep the outcomes for the next flush. Should this process die
        // first, the batches stay SENDING and are resent with their keys after the lease (LINE
        // answers 409): nothing is lost either way.
        this.queue.unshift(...batch);
        console.error(`[delivery] could not record ${batch.length} outcomes yet: ${(error as Error).message}`);
        throw error;
      })
      .finally(() => (this.flushing = null));
    await this.flushing;
  }
}

function outcomeOf(batch: Claimed, error: unknown): Outcome {
  const base = { id: batch.id, requestId: null, acceptedRequestId: null, details: null, refund: false };
  const outcome = classifyLineError(error);
  switch (outcome.kind) {
    case "already-accepted":
      return { ...base, status: "SENT", http: 409, acceptedRequestId: outcome.acceptedRequestId, error: null, retryInMs: null };
    case "retry": {
      const message = outcome.reason === "server-error" ? `LINE が ${outcome.status} を返しました` : outcome.reason === "timeout" ? "LINE から応答がありませんでした" : "LINE に接続できませんでした";
      if (batch.attempts >= MAX_ATTEMPTS) return { ...base, status: "FAILED", http: outcome.status, error: `${message}（${batch.attempts}回試して送れませんでした）`, retryInMs: null };
      return { ...base, status: "PENDING", http: outcome.status, error: message, retryInMs: backoffMs(batch.attempts) };
    }
    case "rate-limited":
      if (outcome.monthlyLimit) return { ...base, status: "FAILED", http: 429, error: "今月の送信数の上限に達しました（LINE の月間上限）", details: { message: "You have reached your monthly limit." }, retryInMs: null };
      return { ...base, status: "PENDING", http: 429, error: "LINE のレート制限に達しました", retryInMs: RATE_LIMITED_PAUSE_MS, refund: true };
    case "rejected":
      return { ...base, status: "FAILED", http: outcome.status, error: `LINE が受け付けませんでした: ${outcome.message}`, details: { message: outcome.message, details: outcome.details }, retryInMs: null };
  }
}

const messagesCache = new Map<string, { messages: Record<string, LineMessage[]>; notificationDisabled: boolean }>();

async function runMessages(pool: pg.Pool, runId: string) {
  let cached = messagesCache.get(runId);
  if (!cached) {
    const { rows } = await pool.query<{ messages: Record<string, LineMessage[]>; notification_disabled: boolean }>(
      "select r.messages, b.notification_disabled from delivery_run r join broadcast b on b.id = r.broadcast_id where r.id = $1::uuid",
      [runId],
    );
    if (!rows[0]) throw new Error(`delivery run ${runId} not found`);
    cached = { messages: rows[0].messages, notificationDisabled: rows[0].notification_disabled };
    if (messagesCache.size > 50) messagesCache.clear();
    messagesCache.set(runId, cached);
  }
  return cached;
}

/**
 * How long a lane that found nothing to claim waits before looking again (`idleChecks`: how many times
 * in a row it found nothing). Its own requests in flight end in milliseconds and may bring retries: 20
 * ms. Otherwise the open batches are in flight at another lane — their outcomes come in milliseconds
 * too — or wait for a retry time or for a stopped worker's lease (up to LEASE_MS): look again after 25
 * ms, doubling up to 1 s, and never after the next retry or lease is due. (A fixed wait of up to 1 s
 * here made a send's run finish up to a second after its last multicast, the other lane's last answers
 * being in flight when this one looked.)
 */
export function idleWaitMs(state: { inFlight: number; nextInMs: number | null; idleChecks: number }): number {
  if (state.inFlight > 0) return 20;
  const patience = Math.min(1_000, 25 * 2 ** state.idleChecks);
  return Math.max(20, Math.min(patience, state.nextInMs ?? 1_000));
}

/** Sends until no batch of the run is left to claim; returns what this lane did. */
export async function runDeliveryLane(options: LaneOptions): Promise<LaneResult> {
  const { runId, pool } = options;
  const e = env();
  const send = options.send ?? lineMulticast;
  const concurrency = options.concurrency ?? e.DELIVERY_CONCURRENCY;
  const limiter = options.limiter ?? processRateLimiter(pool, multicastRateLimit(e.LINE_MULTICAST_RATE_LIMIT, e.DELIVERY_RATE_SHARE));
  const recorder = new OutcomeRecorder(pool);
  const { messages, notificationDisabled } = await patiently(() => runMessages(pool, runId), options.signal);
  const result: LaneResult = { sent: 0, retried: 0, failed: 0, rateLimited: 0 };

  const queue: Claimed[] = [];
  let claiming: Promise<number> | null = null;
  let done = false;

  // Times in a row this lane found nothing to claim (idleWaitMs).
  let idleChecks = 0;
  const claim = async (): Promise<number> => {
    const { rows } = await patiently(() => pool.query<Claimed>(CLAIM_SQL, [runId, concurrency, LEASE_MS]), options.signal);
    queue.push(...rows);
    if (rows.length > 0) idleChecks = 0;
    return rows.length;
  };

  const startClaim = () => (claiming ??= claim().finally(() => (claiming = null)));

  const next = async (): Promise<Claimed | null> => {
    for (;;) {
      if (done || options.signal?.aborted) return null;
      const ready = queue.shift();
      if (ready) {
        // Claim the next group while this one is being sent, so no sender waits for the database.
        if (queue.length < concurrency / 2) void startClaim().catch(() => undefined);
        return ready;
      }
      const got = await startClaim();
      if (got > 0 || queue.length > 0) continue;
      // Nothing to claim now: finished, waiting for retries and other lanes' leases, or for the next
      // slice of batches. One sender looks; the others wait for its answer.
      waiting ??= whenNothingToClaim().finally(() => (waiting = null));
      await waiting;
    }
  };

  let waiting: Promise<void> | null = null;
  let inFlight = 0;
  let takingOver: Promise<unknown> | null = null;
  const whenNothingToClaim = async (): Promise<void> => {
    await patiently(() => recorder.flush(), options.signal);
    const { rows } = await patiently(
      () => pool.query<{ open: number; next_in_ms: number | null; prepared: boolean | null; preparing_silent_ms: number | null }>(OPEN_SQL, [runId]),
      options.signal,
    );
    const state = rows[0];
    const prepared = state?.prepared !== false;
    if ((state?.open ?? 0) === 0 && prepared) {
      done = true;
      return;
    }
    if (!prepared) {
      // More slices are being made: look again shortly, or make them if their preparer stopped.
      if (options.prepare && !takingOver && Number(state?.preparing_silent_ms ?? 0) > PREPARE_STALL_MS) {
        takingOver = options
          .prepare()
          .catch((error: unknown) => (options.log ?? console.error)(`[delivery] preparing run ${runId} failed; trying again later: ${(error as Error).message}`))
          .finally(() => (takingOver = null));
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
      return;
    }
    const nextInMs = state?.next_in_ms === null || state?.next_in_ms === undefined ? null : Number(state.next_in_ms);
    await new Promise((resolve) => setTimeout(resolve, idleWaitMs({ inFlight, nextInMs, idleChecks: idleChecks++ })));
  };

  const sender = async () => {
    for (;;) {
      const batch = await next();
      if (!batch) return;
      const to = decodeRecipientsHex(batch.recipients);
      const batchMessages = messages[batch.language] ?? messages.ja;
      if (!batchMessages) {
        recorder.add({ id: batch.id, status: "FAILED", http: null, requestId: null, acceptedRequestId: null, error: `no messages for ${batch.language}`, details: null, retryInMs: null, refund: false });
        result.failed++;
        continue;
      }
      await patiently(() => limiter.take(options.signal), options.signal);
      inFlight++;
      try {
        const answer = await send({ to, messages: batchMessages, notificationDisabled, retryKey: batch.retry_key }).finally(() => inFlight--);
        recorder.add({ id: batch.id, status: "SENT", http: answer.status, requestId: answer.requestId, acceptedRequestId: null, error: null, details: null, retryInMs: null, refund: false });
        result.sent++;
      } catch (error) {
        const outcome = outcomeOf(batch, error);
        recorder.add(outcome);
        if (outcome.status === "SENT") result.sent++;
        else if (outcome.status === "FAILED") result.failed++;
        else if (outcome.http === 429) {
          result.rateLimited++;
          await limiter.pause(RATE_LIMITED_PAUSE_MS).catch(() => undefined);
        } else result.retried++;
        if (outcome.status === "FAILED" && outcome.http === 429) {
          // Monthly quota exhausted: nothing else of this run can be sent this month.
          await pool
            .query(
              `update delivery_batch set status = 'FAILED', last_error = $2, http_status = 429, lease_until = null, updated_at = now()
               where run_id = $1::uuid and status = 'PENDING'`,
              [runId, outcome.error],
            )
            .catch(() => undefined);
        }
      }
    }
  };

  // One sender failing (the database restarting) stops the others; the lane job is then retried
  // and claims the batches again once their leases have run out.
  const settled = await Promise.allSettled(
    Array.from({ length: concurrency }, () =>
      sender().catch((error: unknown) => {
        done = true;
        throw error;
      }),
    ),
  );
  await patiently(() => recorder.flush());
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failure) throw failure.reason;
  options.log?.(`[delivery] lane done for run ${runId}: ${JSON.stringify(result)}`);
  return result;
}
