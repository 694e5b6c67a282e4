import { describe, expect, it } from "vitest";
import { decodeRecipients, decodeRecipientsHex, encodeRecipients } from "./recipients";
import { backoffMs } from "./send-lane";
import { multicastRateLimit } from "./rate-limiter";

describe("[BROADCASTS] delivery details", () => {
  it("packs LINE user ids into 16 bytes each and back", () => {
    const ids = ["U" + "0123456789abcdef".repeat(2), "U" + "f".repeat(32)];
    const packed = encodeRecipients(ids);
    expect(packed.length).toBe(32);
    expect(decodeRecipients(packed)).toEqual(ids);
    expect(() => encodeRecipients(["Uxyz"])).toThrow();
    expect(() => decodeRecipients(new Uint8Array(15))).toThrow();
    // As the lanes read them: PostgreSQL's encode(recipients, 'hex').
    expect(decodeRecipientsHex(packed.toString("hex"))).toEqual(ids);
    expect(decodeRecipientsHex("")).toEqual([]);
    expect(() => decodeRecipientsHex("0123")).toThrow();
  });

  it("retries back off exponentially up to 30 s", () => {
    for (let attempt = 1; attempt <= 20; attempt++) {
      const ms = backoffMs(attempt);
      const base = Math.min(30_000, 500 * 2 ** (attempt - 1));
      expect(ms).toBeGreaterThanOrEqual(base / 2);
      expect(ms).toBeLessThanOrEqual(base);
    }
  });

  it("uses 90 % of LINE's multicast limit with a small burst, so no one-second window exceeds the limit", () => {
    const limit = multicastRateLimit(2000, 0.9);
    expect(limit.ratePerSecond).toBe(1800);
    // Tokens are spent at most ~2 leases after they were granted (lib/delivery/rate-limiter.ts).
    expect(limit.ratePerSecond + limit.burst + 2 * limit.lease).toBeLessThanOrEqual(2000);
    expect(limit.lease).toBeLessThanOrEqual(limit.burst);
    expect(multicastRateLimit(200, 0.9)).toMatchObject({ ratePerSecond: 180, burst: 9, lease: 3 });
  });
});
