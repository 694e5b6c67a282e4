// The database a script works on: DATABASE_URL when it is set, otherwise the embedded PostgreSQL
// (started here if no other process runs it), database "kairan".
import path from "node:path";
import { env, setChildEnv } from "../../lib/env.ts";
import { ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres.ts";

export type ResolvedDatabase = { url: string; embedded: boolean; stop(): Promise<void> };

export const EMBEDDED_DATABASE_NAME = "kairan";

export async function resolveDatabase(options: { log?: (line: string) => void } = {}): Promise<ResolvedDatabase> {
  const e = env();
  if (e.DATABASE_URL) return { url: e.DATABASE_URL, embedded: false, stop: async () => undefined };
  const cluster = await startEmbeddedPostgres({
    dataDir: path.join(e.KAIRAN_DATA_DIR, "pg"),
    port: e.KAIRAN_PG_PORT,
    log: options.log,
  });
  await ensureDatabase(cluster.adminUrl, EMBEDDED_DATABASE_NAME);
  const url = cluster.urlFor(EMBEDDED_DATABASE_NAME);
  setChildEnv({ DATABASE_URL: url, KAIRAN_EMBEDDED: "1" });
  return { url, embedded: true, stop: () => cluster.stop() };
}
