// The webhook's database path: its own small pg pool (not Prisma — this is the hot path) and a
// pg-boss client on the same pool.
//
// Group commit in the app: requests that arrive while earlier writes are in flight are written
// together — one transaction inserts all their events (one INSERT … ON CONFLICT DO NOTHING) and the
// webhook.handle-event jobs of the new ones (one pg-boss insert), and every request waits for that
// commit before it answers. Under light load each request is written on its own at once (no timer,
// no added latency); under heavy load a batch costs one WAL flush instead of two per request.
// Timeouts are short so that a database outage is answered with 503 well within LINE's 2 seconds.
import pg from "pg";
import { PgBoss } from "pg-boss";
import { env, requireEnv } from "@/lib/env";
import { JOB_SCHEMA } from "@/lib/jobs/boss";
import { logDatabaseLoss } from "@/lib/db/unavailable";
import { keptPoolOptions } from "@/lib/db/client";
import type { WebhookEventRow, WebhookStore } from "@/lib/webhook/intake";

export const HANDLE_EVENT_JOB_NAME = "webhook.handle-event";
/** LINE gives up after 2 s (webhook error statistics: request_timeout); answer before that. */
const DB_TIMEOUT_MS = 1500;
/** Events written in one transaction at most. */
const MAX_BATCH_ROWS = 1000;

const INSERT_EVENTS = `
  INSERT INTO webhook_event (id, type, mode, line_user_id, occurred_at, is_redelivery, payload)
  SELECT e.id, e.type, e.mode, e.line_user_id, to_timestamp(e.ts / 1000.0), e.is_redelivery, e.payload
  FROM jsonb_to_recordset($1::jsonb) AS e(id text, type text, mode text, line_user_id text, ts double precision, is_redelivery boolean, payload jsonb)
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;

export type PgStoreOptions = { connectionString: string; poolSize?: number };

type Waiter = { rows: WebhookEventRow[]; resolve(result: { fresh: string[]; enqueued: boolean }): void; reject(error: unknown): void };

/** A store on its own pool: the app's (from the environment) or one a benchmark or test builds. */
export function createPgWebhookStore(options: PgStoreOptions): WebhookStore & { pool: pg.Pool; close(): Promise<void> } {
  const poolSize = options.poolSize ?? 10;
  const pool = new pg.Pool({
    ...keptPoolOptions(options.connectionString, poolSize, "kairan-webhook"),
    connectionTimeoutMillis: DB_TIMEOUT_MS,
    query_timeout: DB_TIMEOUT_MS,
  });
  // An idle connection the server closed must not crash the process; the next query reconnects.
  pool.on("error", (error) => {
    logDatabaseLoss(`[webhook] idle database connection failed: ${error.message}`);
  });

  let boss: Promise<PgBoss> | undefined;
  const startBoss = () => {
    boss ??= (async () => {
      const instance = new PgBoss({
        db: { executeSql: (text: string, values?: unknown[]) => pool.query(text, values as unknown[]) },
        schema: JOB_SCHEMA,
        supervise: false,
        schedule: false,
        migrate: false,
      });
      instance.on("error", (error) => console.error("[webhook] job queue:", error));
      await instance.start();
      return instance;
    })().catch((error) => {
      boss = undefined; // try again next time (e.g. the database was down)
      throw error;
    });
    return boss;
  };

  /** One transaction: the events, then the jobs of the new ones. */
  async function write(rows: WebhookEventRow[]): Promise<{ fresh: string[]; enqueued: boolean }> {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN");
      const fresh = (await client.query<{ id: string }>(INSERT_EVENTS, [JSON.stringify(rows)])).rows.map((r) => r.id);
      let enqueued = fresh.length === 0;
      const instance = fresh.length > 0 ? await startBoss().catch(() => null) : null;
      if (instance) {
        await client.query("SAVEPOINT jobs");
        try {
          await instance.insert(HANDLE_EVENT_JOB_NAME, fresh.map((eventId) => ({ data: { eventId } })), { db: { executeSql: (text: string, values?: unknown[]) => client.query(text, values as unknown[]) } });
          enqueued = true;
        } catch (error) {
          // The events matter more than their jobs: keep them; the sweeper enqueues them later.
          console.error("[webhook] could not write handling jobs:", error);
          await client.query("ROLLBACK TO SAVEPOINT jobs");
        }
      }
      await client.query("COMMIT");
      return { fresh, enqueued };
    } catch (error) {
      broken = true;
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  const queue: Waiter[] = [];
  let running = 0;
  const maxRunning = Math.max(1, Math.min(4, poolSize - 1));

  function pump(): void {
    while (running < maxRunning && queue.length > 0) {
      const batch: Waiter[] = [];
      let count = 0;
      while (queue.length > 0 && (batch.length === 0 || count + queue[0]!.rows.length <= MAX_BATCH_ROWS)) {
        const waiter = queue.shift()!;
        batch.push(waiter);
        count += waiter.rows.length;
      }
      running++;
      void flush(batch).finally(() => {
        running--;
        pump();
      });
    }
  }

  async function flush(batch: Waiter[]): Promise<void> {
    // The same event in two concurrent deliveries is written once; both requests are answered.
    const unique = new Map<string, WebhookEventRow>();
    for (const waiter of batch) for (const row of waiter.rows) if (!unique.has(row.id)) unique.set(row.id, row);
    try {
      const { fresh, enqueued } = await write([...unique.values()]);
      const freshSet = new Set(fresh);
      for (const waiter of batch) waiter.resolve({ fresh: waiter.rows.filter((r) => freshSet.has(r.id)).map((r) => r.id), enqueued });
    } catch (error) {
      if (batch.length > 1 && isBadInputError(error)) {
        // One request's bad values must not fail the others: write each request alone.
        await Promise.all(batch.map((waiter) => write(waiter.rows).then(waiter.resolve, waiter.reject)));
        return;
      }
      for (const waiter of batch) waiter.reject(error);
    }
  }

  return {
    pool,
    store(rows: WebhookEventRow[]) {
      return new Promise((resolve, reject) => {
        queue.push({ rows, resolve, reject });
        pump();
      });
    },
    async close() {
      if (boss) await (await boss.catch(() => null))?.stop({ graceful: false, close: false }).catch(() => undefined);
      await pool.end();
    },
  };
}

function isBadInputError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && code.startsWith("22");
}

const globalForStore = globalThis as unknown as { kairanWebhookStore?: ReturnType<typeof createPgWebhookStore>; kairanWebhookStoreUrl?: string };

/** The app's store (DATABASE_URL), created on first use. */
export function webhookStore(): WebhookStore {
  const url = requireEnv("DATABASE_URL");
  if (!globalForStore.kairanWebhookStore || globalForStore.kairanWebhookStoreUrl !== url) {
    void globalForStore.kairanWebhookStore?.close().catch(() => undefined);
    globalForStore.kairanWebhookStore = createPgWebhookStore({ connectionString: url, poolSize: env().DATABASE_POOL_SIZE });
    globalForStore.kairanWebhookStoreUrl = url;
  }
  return globalForStore.kairanWebhookStore;
}

/** Closes the app's store (tests, before their database is dropped). */
export async function closeWebhookStore(): Promise<void> {
  const store = globalForStore.kairanWebhookStore;
  globalForStore.kairanWebhookStore = undefined;
  globalForStore.kairanWebhookStoreUrl = undefined;
  await store?.close().catch(() => undefined);
}
