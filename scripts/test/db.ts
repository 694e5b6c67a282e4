// For integration tests: `const t = useTestDatabase()` gives each test file its own fresh, migrated
// database (t.db, t.url), created before the file's tests and dropped after them.
import { afterAll, beforeAll, inject } from "vitest";
import { createDb, type Db } from "../../lib/db.ts";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "./test-database.ts";

export type TestDatabase = { db: Db; url: string; name: string };

export function useTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  const adminUrl = inject("testAdminUrl");
  beforeAll(async () => {
    const name = uniqueDatabaseName("kt_int");
    await createDatabase(adminUrl, name, inject("testTemplateDatabase"));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    handle.name = name;
    handle.url = url.toString();
    handle.db = createDb(handle.url, { poolSize: 4 });
  });
  afterAll(async () => {
    await handle.db?.$disconnect();
    if (handle.name) await dropDatabase(adminUrl, handle.name);
  });
  return handle;
}
