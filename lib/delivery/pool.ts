// A plain node-postgres pool for delivery's hot path. Sending at LINE's speed means ~2,000 claims,
// outcomes and limiter leases a second; through pg these cost ~50 µs of CPU each, through the ORM
// several times more, on machines where the worker shares two cores with PostgreSQL.
import pg from "pg";
import { requireEnv } from "@/lib/env";
import { databaseGoneExpected } from "@/lib/db/unavailable";

const pools = new Map<string, pg.Pool>();

export function deliveryPool(connectionString: string = requireEnv("DATABASE_URL")): pg.Pool {
  let pool = pools.get(connectionString);
  if (!pool) {
    pool = new pg.Pool({ connectionString, max: 6, application_name: "kairan-delivery" });
    // A dropped connection (PostgreSQL restarting) must not crash the worker; the query fails and
    // the lane retries (bench:faults restarts PostgreSQL mid-send).
    pool.on("error", (error) => {
      if (!databaseGoneExpected()) console.error("[delivery] idle database connection lost:", error.message);
    });
    pools.set(connectionString, pool);
  }
  return pool;
}

export async function closeDeliveryPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end().catch(() => undefined)));
}
