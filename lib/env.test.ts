import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, env, requireEnv, resetEnvCache } from "@/lib/env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe("environment", () => {
  it("applies documented defaults", () => {
    delete process.env.STAFF_SESSION_IDLE_MINUTES;
    delete process.env.LOGIN_MAX_FAILED_ATTEMPTS;
    resetEnvCache();
    expect(env().STAFF_SESSION_IDLE_MINUTES).toBe(480);
    expect(env().LOGIN_MAX_FAILED_ATTEMPTS).toBe(5);
    expect(env().LOGIN_LOCKOUT_MINUTES).toBe(15);
  });

  it("names a missing variable in the error", () => {
    delete process.env.NEXTAUTH_SECRET;
    resetEnvCache();
    expect(() => requireEnv("NEXTAUTH_SECRET")).toThrow(ConfigError);
    expect(() => requireEnv("NEXTAUTH_SECRET")).toThrow(/NEXTAUTH_SECRET/);
  });

  it("names an invalid variable and says what is wrong", () => {
    process.env.STAFF_SESSION_IDLE_MINUTES = "forever";
    process.env.DATABASE_URL = "mysql://x";
    resetEnvCache();
    expect(() => env()).toThrow(/STAFF_SESSION_IDLE_MINUTES/);
    expect(() => env()).toThrow(/DATABASE_URL/);
  });
});
