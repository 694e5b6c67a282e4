// `npm run db:migrate`: apply prisma/migrations to DATABASE_URL (or the embedded PostgreSQL).
// Safe to run from several deploys at once (advisory lock); does nothing when up to date.
import { loadEnvFile } from "@/lib/env";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { resolveDatabase } from "./lib/database.ts";

loadEnvFile(".env");
const database = await resolveDatabase();
try {
  const result = await prepareDatabase(database.url, { log: (line) => console.log(line) });
  console.log(`マイグレーション: 適用済み ${result.alreadyApplied} 件、今回適用 ${result.applied.length} 件`);
} finally {
  await database.stop();
}
