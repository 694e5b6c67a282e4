// The Prisma client of this process (driver adapter @prisma/adapter-pg). Domain code takes a `Db`
// (or a transaction) as its first argument so tests can pass their own database.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env, requireEnv } from "@/lib/env";
import { keptPoolOptions } from "@/lib/db/client";

export type Db = PrismaClient;
/** A client or an interactive transaction: what domain functions that do not open transactions take. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function createDb(connectionString: string, options: { poolSize?: number } = {}): Db {
  const adapter = new PrismaPg(keptPoolOptions(connectionString, options.poolSize ?? 10, "kairan-app"));
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { kairanDb?: Db };

/** The shared client, created on first use (so importing this module never needs a database). */
export function getDb(): Db {
  globalForDb.kairanDb ??= createDb(requireEnv("DATABASE_URL"), { poolSize: env().DATABASE_POOL_SIZE });
  return globalForDb.kairanDb;
}

/** Lazy proxy: `db.staff.findMany()` reads like a singleton but connects only when first used. */
export const db: Db = new Proxy({} as Db, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/**
 * Makes the shared client ready at a process's start (the web server, the worker): Prisma loads its
 * query compiler (WebAssembly) and opens a connection at first use, ~0.4 s of CPU (measured: a fresh
 * process's first query 360 ms, the next 2 ms). Paid at start, not by the first request or job — in
 * the worker that was the first send's end (closing its run) or a stalled-run check during a send.
 */
export async function connectDb(): Promise<void> {
  await db.$connect();
  await db.$queryRawUnsafe("select 1");
}

/**
 * A REPEATABLE READ / SERIALIZABLE transaction that lost a race with another one (PostgreSQL 40001 or a
 * deadlock, which Prisma reports as P2034): nothing of it was written, and running it again is correct.
 */
export function isTransactionConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2034";
}
