import { describe, expect, it } from "vitest";
import { KEEPALIVE_DELAY_MS, keptPoolOptions } from "./client";

describe("keptPoolOptions", () => {
  it("keeps idle connections (no idle timeout), with TCP keep-alive, named for pg_stat_activity", () => {
    expect(keptPoolOptions("postgresql://x@localhost/db", 4, "kairan-app")).toEqual({
      connectionString: "postgresql://x@localhost/db",
      max: 4,
      idleTimeoutMillis: 0,
      allowExitOnIdle: true,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
      application_name: "kairan-app",
    });
    expect(KEEPALIVE_DELAY_MS).toBeLessThan(350_000);
  });
});
