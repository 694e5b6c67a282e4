// The worker's log while PostgreSQL restarts: one line per failed poll, not a whole error object each.
import { afterEach, describe, expect, it, vi } from "vitest";
import { DATABASE_LOSS_LOG_DELAY_MS, setDatabaseGoneExpected } from "@/lib/db/unavailable";
import { logJobError } from "./boss";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  setDatabaseGoneExpected(false);
});

describe("[jobs] logJobError", () => {
  it("a lost database connection is one line with the queue and the code", () => {
    vi.useFakeTimers();
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const error = Object.assign(new Error("terminating connection due to administrator command (Queue: delivery.send-run, Worker: 1)"), {
      code: "57P01",
      queue: "delivery.send-run",
    });
    logJobError(error);
    logJobError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    vi.advanceTimersByTime(DATABASE_LOSS_LOG_DELAY_MS);
    expect(log.mock.calls).toEqual([
      ["[jobs] データベースに接続できません（再試行します）: delivery.send-run: terminating connection due to administrator command [57P01]"],
      ["[jobs] データベースに接続できません（再試行します）: connect ECONNREFUSED 127.0.0.1:5432 [ECONNREFUSED]"],
    ]);
  });

  it("while the worker stops (Ctrl+C stops PostgreSQL too), lost connections are not logged; other errors are", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    setDatabaseGoneExpected();
    logJobError(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }));
    expect(log).not.toHaveBeenCalled();
    const error = new Error("syntax error at or near \"selec\"");
    logJobError(error);
    expect(log).toHaveBeenCalledWith("[jobs]", error);
  });

  it("a connection lost just before the worker handles its own Ctrl+C is not logged either", () => {
    vi.useFakeTimers();
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    logJobError(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }));
    setDatabaseGoneExpected();
    vi.advanceTimersByTime(DATABASE_LOSS_LOG_DELAY_MS);
    expect(log).not.toHaveBeenCalled();
  });

  it("any other error is logged whole, with its stack", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const error = new Error("syntax error at or near \"selec\"");
    logJobError(error);
    expect(log).toHaveBeenCalledWith("[jobs]", error);
  });
});
