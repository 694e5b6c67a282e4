// A connection of its own that the server ends (PostgreSQL restarting or stopping) fails its queries
// instead of ending the process; the app's pools keep idle connections past pg's 10 s (lib/db/client.ts).
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { connectClient } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { createDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { startJobSender, stopJobSender } from "@/lib/jobs/boss";
import { createPgWebhookStore } from "@/lib/webhook/intake-store";

const t = useTestDatabase();

describe("connectClient", () => {
  it("a connection the server ends, idle or busy, fails its queries; the process goes on", async () => {
    for (const busy of [false, true]) {
      const client = await connectClient({ connectionString: t.url, application_name: "kairan-test-client" });
      const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
      const pid = rows[0]!.pid;
      const ended = new Promise((resolve) => client.once("end", resolve));
      const running = busy ? client.query("select pg_sleep(5)").then(() => null, (error: unknown) => error) : null;
      if (busy) await new Promise((r) => setTimeout(r, 100));
      await t.db.$queryRawUnsafe("select pg_terminate_backend($1::int)", pid);
      await ended;
      if (running) expect(isDatabaseUnavailable(await running)).toBe(true);
      const next = await client.query("select 1").then(() => null, (error: unknown) => error);
      expect(next).toBeInstanceOf(Error);
      await client.end().catch(() => undefined);
    }
  });
});

describe("the app's pools", () => {
  it("the job sender opens both its connections when it starts, before any job", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.url;
    resetEnvCache();
    try {
      await startJobSender();
      const [jobs] = await t.db.$queryRawUnsafe<{ count: number }[]>(
        "select count(*)::int as count from pg_stat_activity where datname = current_database() and application_name = 'kairan-jobs'",
      );
      expect(jobs!.count).toBe(2);
    } finally {
      await stopJobSender();
      process.env.DATABASE_URL = saved;
      resetEnvCache();
    }
  });

  it("keep idle connections longer than pg's default 10 s (Prisma's, the job sender's, the webhook intake's)", async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.url;
    resetEnvCache();
    const db = createDb(t.url, { poolSize: 1 });
    const store = createPgWebhookStore({ connectionString: t.url, poolSize: 1 });
    try {
      await startJobSender();
      const [app] = await db.$queryRawUnsafe<{ pid: number }[]>("select pg_backend_pid() as pid");
      const appPid = app!.pid;
      const { rows } = await store.pool.query<{ pid: number }>("select pg_backend_pid() as pid");
      const webhookPid = rows[0]!.pid;
      const open = async () =>
        t.db.$queryRawUnsafe<{ pid: number; application_name: string }[]>(
          "select pid, application_name from pg_stat_activity where datname = current_database() and application_name in ('kairan-app', 'kairan-jobs', 'kairan-webhook') order by pid",
        );
      const before = await open();
      expect(before.map((c) => c.application_name)).toEqual(expect.arrayContaining(["kairan-app", "kairan-jobs", "kairan-webhook"]));
      expect(before.map((c) => c.pid)).toEqual(expect.arrayContaining([appPid, webhookPid]));
      await new Promise((resolve) => setTimeout(resolve, 10_800));
      expect(await open()).toEqual(before);
    } finally {
      await stopJobSender();
      await store.close();
      await db.$disconnect();
      process.env.DATABASE_URL = saved;
      resetEnvCache();
    }
  }, 30_000);
});
