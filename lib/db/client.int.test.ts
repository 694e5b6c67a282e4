// A connection of its own that the server ends (PostgreSQL restarting or stopping) fails its queries
// instead of ending the process (lib/db/client.ts).
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { connectClient } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

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
