import { describe, expect, it } from "vitest";
import { syntheticDisplayName, syntheticLineUserId } from "@/lib/demo/synthetic-residents";

describe("synthetic residents", () => {
  it("have LINE-shaped user ids that are stable and distinct", () => {
    expect(syntheticLineUserId(1)).toMatch(/^U[0-9a-f]{32}$/);
    expect(syntheticLineUserId(1)).toBe(syntheticLineUserId(1));
    expect(new Set(Array.from({ length: 10_000 }, (_, i) => syntheticLineUserId(i + 1))).size).toBe(10_000);
    expect(syntheticDisplayName(1)).toMatch(/^\S+ \S+$/);
  });
});
