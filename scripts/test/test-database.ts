// PostgreSQL for tests: the embedded cluster in KAIRAN_DATA_DIR/pg-test (or TEST_DATABASE_URL's
// server, which must be local), and a fresh database per run or per test file. The guard makes
// sure no test ever creates or drops databases on a server that is not on this machine.
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { env } from "../../lib/env.ts";
import { startEmbeddedPostgres } from "../lib/embedded-postgres.ts";

export type TestCluster = { adminUrl: string; urlFor(database: string): string; stop(): Promise<void> };

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]", ""]);

export function assertLocalDatabaseUrl(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}). Tests create and drop databases; use a local server.`);
  }
}

export async function startTestCluster(): Promise<TestCluster> {
  const e = env();
  const external = e.TEST_DATABASE_URL ?? e.DATABASE_URL;
  if (external) {
    assertLocalDatabaseUrl(external);
    const urlFor = (database: string) => {
      const url = new URL(external);
      url.pathname = `/${database}`;
      return url.toString();
    };
    return { adminUrl: urlFor("postgres"), urlFor, stop: async () => undefined };
  }
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(e.KAIRAN_DATA_DIR, "pg-test"), port: e.KAIRAN_TEST_PG_PORT });
  return { adminUrl: cluster.adminUrl, urlFor: cluster.urlFor, stop: () => cluster.stop() };
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`create database ${client.escapeIdentifier(name)}${template ? ` template ${client.escapeIdentifier(template)}` : ""}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
  } finally {
    await client.end();
  }
}

/** Drops test databases left behind by runs that were killed (older than an hour). */
export async function dropStaleTestDatabases(adminUrl: string, prefixes: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like 'kt\\_%'");
    const hourAgo = Date.now() - 3_600_000;
    for (const { datname } of rows) {
      const match = /^(kt_[a-z]+)_([0-9a-z]+)_/.exec(datname);
      if (match && prefixes.includes(match[1]!) && parseInt(match[2]!, 36) < hourAgo) {
        await client.query(`drop database if exists ${client.escapeIdentifier(datname)} with (force)`);
      }
    }
  } finally {
    await client.end();
  }
}
