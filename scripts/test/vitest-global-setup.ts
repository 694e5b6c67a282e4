// Integration tests: one migrated template database per run; each test file copies it
// (scripts/test/db.ts), so files run in parallel on fresh, isolated databases.
import type { TestProject } from "vitest/node";
import { prepareDatabase } from "../../lib/db/prepare-database.ts";
import { createDatabase, dropDatabase, dropStaleTestDatabases, startTestCluster, uniqueDatabaseName } from "./test-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    testAdminUrl: string;
    testTemplateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startTestCluster();
  await dropStaleTestDatabases(cluster.adminUrl, ["kt_tpl", "kt_int"]);
  const template = uniqueDatabaseName("kt_tpl");
  await createDatabase(cluster.adminUrl, template);
  await prepareDatabase(cluster.urlFor(template));
  project.provide("testAdminUrl", cluster.adminUrl);
  project.provide("testTemplateDatabase", template);
  return async () => {
    await dropDatabase(cluster.adminUrl, template).catch(() => undefined);
    await cluster.stop();
  };
}
