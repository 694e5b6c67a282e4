// A token bucket in PostgreSQL (rate_limit_bucket) shared by every worker process: LINE limits a
// channel, not a process ("rate limits for each API function on a per-channel basis", FACTS.md §2), so
// two workers at 90 % each would get 429s. A process leases ~20 ms of tokens per round trip (one
// limiter for all its lanes, the next lease asked for before the tokens in hand run out) and spends
// them locally, so the database sees ~50 leases a second at 1,800 requests/s. Refill uses the
// database's clock, the one clock all workers share. A 429 pauses every worker (pausedUntil).
import type pg from "pg";

export type RateLimit = {
  key: string;
  /** Tokens per second. */
  ratePerSecond: number;
  /** Bucket size: how far a quiet moment lets the next send burst. */
  burst: number;
  /** Tokens a lane takes per round trip. */
  lease: number;
};

export const MULTICAST_BUCKET = "line.multicast";

/** LINE's per-second multicast limit × the share delivery may use. */
export function multicastRateLimit(limitPerSecond: number, share: number): RateLimit {
  const ratePerSecond = Math.max(1, limitPerSecond * share);
  return {
    key: MULTICAST_BUCKET,
    ratePerSecond,
    // 50 ms worth of burst and 20 ms per lease. A process holds at most two leases (the next is asked
    // for when fewer than a lease's tokens are left), so a token is spent at most ~2 leases after it
    // was granted and any one-second window sees at most rate + burst + 2 × lease requests (1,962 of
    // LINE's 2,000).
    burst: Math.max(1, Math.floor(ratePerSecond * 0.05)),
    lease: Math.max(1, Math.min(50, Math.floor(ratePerSecond * 0.02))),
  };
}

const LEASE_SQL = `
with now_ as (select clock_timestamp() as t),
b as (select key, tokens, refilled_at, paused_until from rate_limit_bucket where key = $1 for update),
s as (
  select b.key,
         least($3::float8, b.tokens + greatest(0, extract(epoch from ((select t from now_) - b.refilled_at))) * $2::float8) as available,
         coalesce(b.paused_until > (select t from now_), false) as paused,
         extract(epoch from (b.paused_until - (select t from now_))) * 1000 as paused_ms
  from b
),
g as (select s.*, case when s.paused then 0 else least($4::int, floor(greatest(s.available, 0)))::int end as granted from s)
update rate_limit_bucket r set tokens = g.available - g.granted, refilled_at = (select t from now_)
from g where r.key = g.key
returning g.granted, g.available, g.paused, g.paused_ms`;

export class SharedRateLimiter {
  private local = 0;
  private fetching: Promise<void> | null = null;
  private ready = false;

  constructor(
    private pool: pg.Pool,
    private limit: RateLimit,
  ) {}

  private async ensureBucket(): Promise<void> {
    if (this.ready) return;
    await this.pool.query("insert into rate_limit_bucket (key, tokens, refilled_at) values ($1, $2, clock_timestamp()) on conflict (key) do nothing", [
      this.limit.key,
      this.limit.burst,
    ]);
    this.ready = true;
  }

  /** Resolves when this caller may send one request. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new Error("aborted");
      if (this.local > 0) {
        this.local--;
        // Lease the next tokens before these run out, so senders do not wait on the round trip.
        if (this.local < this.limit.lease) this.startLease();
        return;
      }
      await this.startLease();
    }
  }

  private startLease(): Promise<void> {
    if (!this.fetching) {
      const leasing = this.lease().finally(() => (this.fetching = null));
      // A lease started ahead may fail with nobody waiting for it yet; the next take() tries again.
      leasing.catch(() => undefined);
      this.fetching = leasing;
    }
    return this.fetching;
  }

  private async lease(): Promise<void> {
    await this.ensureBucket();
    const { rows } = await this.pool.query<{ granted: number; available: number; paused: boolean; paused_ms: number | null }>(LEASE_SQL, [
      this.limit.key,
      this.limit.ratePerSecond,
      this.limit.burst,
      this.limit.lease,
    ]);
    const row = rows[0];
    if (!row) {
      this.ready = false;
      return;
    }
    if (row.granted > 0) {
      this.local += row.granted;
      return;
    }
    // Empty (or paused): wait until a lease's worth has refilled (not one token: asking again for
    // every token at 1,800/s would be a query per request), or the pause is over.
    const want = Math.min(this.limit.lease, this.limit.burst);
    const waitMs = row.paused ? Math.max(5, Number(row.paused_ms ?? 0)) : Math.max(1, ((want - Number(row.available)) / this.limit.ratePerSecond) * 1000);
    await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, 1000)));
  }

  /** After a 429: every worker stops for `ms` and the tokens in hand are returned unused. */
  async pause(ms: number): Promise<void> {
    this.local = 0;
    await this.ensureBucket();
    await this.pool.query(
      `update rate_limit_bucket set tokens = 0,
         paused_until = greatest(coalesce(paused_until, clock_timestamp()), clock_timestamp() + $2 * interval '1 millisecond')
       where key = $1`,
      [this.limit.key, ms],
    );
  }
}

const shared = new Map<string, { pool: pg.Pool; limiter: SharedRateLimiter }>();

/** The process's limiter for a bucket: every lane of the process leases through the same one. */
export function processRateLimiter(pool: pg.Pool, limit: RateLimit): SharedRateLimiter {
  const key = `${limit.key}|${limit.ratePerSecond}|${limit.burst}|${limit.lease}`;
  const found = shared.get(key);
  if (found && found.pool === pool) return found.limiter;
  const limiter = new SharedRateLimiter(pool, limit);
  shared.set(key, { pool, limiter });
  return limiter;
}
