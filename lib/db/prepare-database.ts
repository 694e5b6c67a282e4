// Everything a database needs before the app and workers use it: Kairan's migrations, then the
// job queue's tables and queues. Idempotent and safe to run from several processes at once.
import { migrateDatabase, type MigrateResult } from "@/lib/db/migrate";
import { installJobQueues } from "@/lib/jobs/boss";
import { JOBS } from "@/lib/jobs/registry";

export async function prepareDatabase(connectionString: string, options: { log?: (line: string) => void } = {}): Promise<MigrateResult> {
  const result = await migrateDatabase(connectionString, options);
  await installJobQueues(connectionString, JOBS);
  return result;
}
