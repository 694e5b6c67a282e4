import { describe, expect, it } from "vitest";
import { idleWaitMs } from "./send-lane";

describe("idleWaitMs: how long a lane that found nothing to claim waits", () => {
  it("looks again in 20 ms while its own requests are in flight", () => {
    expect(idleWaitMs({ inFlight: 3, nextInMs: 29_000, idleChecks: 5 })).toBe(20);
  });

  it("while another lane's batches are in flight (their leases far ahead): 25 ms, doubling up to 1 s", () => {
    const waits = Array.from({ length: 9 }, (_, idleChecks) => idleWaitMs({ inFlight: 0, nextInMs: 29_000, idleChecks }));
    expect(waits).toEqual([25, 50, 100, 200, 400, 800, 1_000, 1_000, 1_000]);
  });

  it("never waits past the next retry or lease", () => {
    expect(idleWaitMs({ inFlight: 0, nextInMs: 300, idleChecks: 6 })).toBe(300);
    expect(idleWaitMs({ inFlight: 0, nextInMs: 300, idleChecks: 0 })).toBe(25);
  });

  it("one that is already due (or nothing known) is looked at again soon, or after the longest wait", () => {
    expect(idleWaitMs({ inFlight: 0, nextInMs: -40, idleChecks: 3 })).toBe(20);
    expect(idleWaitMs({ inFlight: 0, nextInMs: null, idleChecks: 10 })).toBe(1_000);
  });
});
