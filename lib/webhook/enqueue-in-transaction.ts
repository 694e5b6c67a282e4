// Enqueue a pg-boss job inside a Prisma transaction: the job exists if and only if the
// transaction commits (pg-boss's `db` option runs its INSERT on the transaction's connection).
// lib/jobs/boss.ts's enqueue() sends on its own connection, which could leave a job for a change
// that rolled back, or lose one for a change that committed.
import { PgBoss } from "pg-boss";
import { requireEnv } from "@/lib/env";
import type { DbTx } from "@/lib/db";
import { JOB_SCHEMA } from "@/lib/jobs/boss";
import type { JobDefinition } from "@/lib/jobs/define-job";

const globalForBoss = globalThis as unknown as { kairanTxBoss?: Promise<PgBoss>; kairanTxBossUrl?: string };

function boss(): Promise<PgBoss> {
  const url = requireEnv("DATABASE_URL");
  if (!globalForBoss.kairanTxBoss || globalForBoss.kairanTxBossUrl !== url) {
    globalForBoss.kairanTxBossUrl = url;
    // Its own pool only reads queue settings (cached); inserts go through the transaction.
    globalForBoss.kairanTxBoss = (async () => {
      const instance = new PgBoss({ connectionString: url, schema: JOB_SCHEMA, max: 1, supervise: false, schedule: false, migrate: false, application_name: "kairan-jobs" });
      instance.on("error", (error) => console.error("[jobs]", error));
      await instance.start();
      return instance;
    })().catch((error) => {
      globalForBoss.kairanTxBoss = undefined;
      throw error;
    });
  }
  return globalForBoss.kairanTxBoss;
}

export async function enqueueInTransaction<T extends object>(tx: DbTx, job: JobDefinition<T>, data: T[]): Promise<void> {
  if (data.length === 0) return;
  const instance = await boss();
  await instance.insert(
    job.name,
    data.map((d) => ({ data: d })),
    { db: { executeSql: async (text: string, values?: unknown[]) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...(values ?? [])) }) } },
  );
}

/** Closes this process's connection for queue settings (tests, before their database is dropped). */
export async function closeTransactionalEnqueue(): Promise<void> {
  const pending = globalForBoss.kairanTxBoss;
  globalForBoss.kairanTxBoss = undefined;
  globalForBoss.kairanTxBossUrl = undefined;
  const instance = await pending?.catch(() => null);
  await instance?.stop({ graceful: false, close: true }).catch(() => undefined);
}
