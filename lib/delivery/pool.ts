// A plain node-postgres pool for delivery's hot path. Sending at LINE's speed means ~2,000 claims,
// outcomes and limiter leases a second; through pg these cost ~50 µs of CPU each, through the ORM
// several times more, on machines where the worker shares two cores with PostgreSQL.
import pg from "pg";
import { requireEnv } from "@/lib/env";
import { logDatabaseLoss } from "@/lib/db/unavailable";
import { keptPoolOptions, openConnections } from "@/lib/db/client";

const pools = new Map<string, pg.Pool>();

/** Connections per worker process: two lanes' claims, outcome writes and rate-limiter leases. */
export const DELIVERY_POOL_SIZE = 6;

export function deliveryPool(connectionString: string = requireEnv("DATABASE_URL")): pg.Pool {
  let pool = pools.get(connectionString);
  if (!pool) {
    // Connections stay open while idle, like the app's other pools (keptPoolOptions, lib/db/client.ts):
    // opening one costs a send tens of milliseconds — a new PostgreSQL backend and SCRAM's key
    // derivation on both sides — and a worker's handful of connections is its standing capacity
    // (openDeliveryConnections). Idle ones do not keep a process alive (allowExitOnIdle).
    pool = new pg.Pool(keptPoolOptions(connectionString, DELIVERY_POOL_SIZE, "kairan-delivery"));
    // A dropped connection (PostgreSQL restarting) must not crash the worker; the query fails and
    // the lane retries (bench:faults restarts PostgreSQL mid-send).
    pool.on("error", (error) => {
      logDatabaseLoss(`[delivery] idle database connection lost: ${error.message}`);
    });
    pools.set(connectionString, pool);
  }
  return pool;
}

/**
 * Opens the delivery pool's connections ahead of the first send (the worker, at start), so that a send
 * does not wait for them: a freshly started worker's lanes ran their first query 48–68 ms after
 * receiving the job, 18–22 ms with the connections already open (docs/benchmarks.md, bench:broadcast).
 */
export async function openDeliveryConnections(pool: pg.Pool = deliveryPool()): Promise<void> {
  await openConnections(DELIVERY_POOL_SIZE, () => pool.query("select 1"));
}

export async function closeDeliveryPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end().catch(() => undefined)));
}
