// Rate limits: per-endpoint token buckets with LINE's numbers, configurable, 429 with LINE's body and
// no Retry-After (FACTS.md §2).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { LINE_DEFAULT_RATE_LIMIT, LINE_RATE_LIMITS, parseRateLimitSetting } from "./config";
import { startTestEmulator, type TestEmulator } from "./testing";

const messages = [{ type: "text", text: "テスト" }];
let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.emulator.reset();
  emu.emulator.rateLimiter.set("narrowcast", LINE_RATE_LIMITS.narrowcast!);
  emu.emulator.rateLimiter.set("broadcast", LINE_RATE_LIMITS.broadcast!);
  emu.emulator.rateLimiter.setDefault(LINE_DEFAULT_RATE_LIMIT);
});

describe("[RATE LIMIT] LINE's numbers", () => {
  it("uses the reference table", () => {
    expect(LINE_RATE_LIMITS.narrowcast).toEqual({ limit: 60, windowMs: 3600_000 });
    expect(LINE_RATE_LIMITS.broadcast).toEqual({ limit: 60, windowMs: 3600_000 });
    expect(LINE_RATE_LIMITS.createAudienceGroup).toEqual({ limit: 60, windowMs: 60_000 });
    expect(LINE_RATE_LIMITS.createRichMenu).toEqual({ limit: 100, windowMs: 3600_000 });
    expect(LINE_RATE_LIMITS.deleteRichMenu).toEqual({ limit: 100, windowMs: 3600_000 });
    expect(LINE_DEFAULT_RATE_LIMIT).toEqual({ limit: 2000, windowMs: 1000 });
  });

  it("broadcast: the 61st request within an hour gets 429, and one more is allowed a minute later", async () => {
    for (let i = 0; i < 60; i++) expect((await emu.api("POST", "/v2/bot/message/broadcast", { messages })).status).toBe(200);
    const limited = await emu.api("POST", "/v2/bot/message/broadcast", { messages });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ message: "The API rate limit has been exceeded. Try again later." });
    expect(limited.headers.get("retry-after")).toBeNull();
    expect(limited.headers.get("x-line-request-id")).toBeTruthy();
    // Limits are per endpoint: narrowcast still has its own budget.
    expect((await emu.api("POST", "/v2/bot/message/narrowcast", { messages })).status).toBe(202);
    // The bucket refills continuously: 60 per hour is one per minute.
    emu.emulator.clock.advance(60_000);
    expect((await emu.api("POST", "/v2/bot/message/broadcast", { messages })).status).toBe(200);
    expect((await emu.api("POST", "/v2/bot/message/broadcast", { messages })).status).toBe(429);
  });

  it("rate-limited requests are not executed", async () => {
    emu.emulator.rateLimiter.set("pushMessage", { limit: 2, windowMs: 60_000 });
    for (let i = 0; i < 5; i++) await emu.api("POST", "/v2/bot/message/push", { to: syntheticLineUserId(1), messages });
    expect((await emu.admin("GET", "/messages/stats")).json.requests).toBe(2);
  });

  it("applies the default limit to other endpoints", async () => {
    // A long window so that no token comes back while the 25 requests are in flight.
    emu.emulator.rateLimiter.setDefault({ limit: 20, windowMs: 3600_000 });
    const statuses = await Promise.all(Array.from({ length: 25 }, () => emu.api("GET", "/v2/bot/info").then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });
});

describe("[RATE LIMIT] configuration", () => {
  it("parses limit specs", () => {
    expect(parseRateLimitSetting("2000/1s")).toEqual({ limit: 2000, windowMs: 1000 });
    expect(parseRateLimitSetting("60/1h")).toEqual({ limit: 60, windowMs: 3600_000 });
    expect(parseRateLimitSetting("200/s")).toEqual({ limit: 200, windowMs: 1000 });
    expect(parseRateLimitSetting("unlimited")).toBe("unlimited");
    expect(() => parseRateLimitSetting("fast")).toThrow();
  });

  it("changes limits through the admin API", async () => {
    const put = await emu.admin("PUT", "/rate-limits", { multicast: "1/1h", default: "unlimited" });
    expect(put.json.rateLimits.multicast).toEqual({ limit: 1, windowMs: 3600_000 });
    const to = [syntheticLineUserId(1)];
    expect((await emu.api("POST", "/v2/bot/message/multicast", { to, messages })).status).toBe(200);
    expect((await emu.api("POST", "/v2/bot/message/multicast", { to, messages })).status).toBe(429);
    await emu.admin("PUT", "/rate-limits", { multicast: "unlimited" });
    expect((await emu.api("POST", "/v2/bot/message/multicast", { to, messages })).status).toBe(200);
  });
});
