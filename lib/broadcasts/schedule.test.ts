import { describe, expect, it } from "vitest";
import { afterQuietHours, describeRecurrence, isQuietTime, jstDate, nextOccurrence, parseQuietHours, recurrenceSchema } from "./schedule";

const jst = (iso: string) => new Date(`${iso}+09:00`);

describe("[BROADCASTS] recurring schedules (Japan time)", () => {
  it("daily: today at the time if still ahead, otherwise tomorrow", () => {
    const r = recurrenceSchema.parse({ frequency: "daily", time: "08:30", weekday: null, dayOfMonth: null, until: null });
    expect(nextOccurrence(r, jst("2026-12-01T08:00:00"))).toEqual(jst("2026-12-01T08:30:00"));
    expect(nextOccurrence(r, jst("2026-12-01T08:30:00"))).toEqual(jst("2026-12-01T08:30:00"));
    expect(nextOccurrence(r, jst("2026-12-01T08:31:00"))).toEqual(jst("2026-12-02T08:30:00"));
    expect(describeRecurrence(r)).toBe("毎日 08:30");
  });

  it("weekly on a weekday; monthly on a day, the last day in shorter months; until is inclusive", () => {
    const weekly = recurrenceSchema.parse({ frequency: "weekly", time: "17:00", weekday: 5, dayOfMonth: null, until: "2026-12-18" });
    // 2026-12-01 is a Tuesday → Friday 4 December.
    expect(nextOccurrence(weekly, jst("2026-12-01T09:00:00"))).toEqual(jst("2026-12-04T17:00:00"));
    expect(nextOccurrence(weekly, jst("2026-12-18T16:59:00"))).toEqual(jst("2026-12-18T17:00:00"));
    expect(nextOccurrence(weekly, jst("2026-12-18T17:01:00"))).toBeNull();
    const monthly = recurrenceSchema.parse({ frequency: "monthly", time: "10:00", weekday: null, dayOfMonth: 31, until: null });
    expect(nextOccurrence(monthly, jst("2027-02-01T00:00:00"))).toEqual(jst("2027-02-28T10:00:00"));
    expect(nextOccurrence(monthly, jst("2027-03-01T00:00:00"))).toEqual(jst("2027-03-31T10:00:00"));
    expect(describeRecurrence(weekly)).toBe("毎週金曜日 17:00（2026/12/18まで）");
    expect(recurrenceSchema.safeParse({ frequency: "weekly", time: "17:00", weekday: null, dayOfMonth: null, until: null }).success).toBe(false);
  });

  it("the day boundary is Japan's, not UTC's", () => {
    const r = recurrenceSchema.parse({ frequency: "daily", time: "07:00", weekday: null, dayOfMonth: null, until: null });
    // 2026-12-01 23:30 UTC is 2 December 08:30 in Japan: the next 07:00 is on 3 December.
    expect(nextOccurrence(r, new Date("2026-12-01T23:30:00Z"))).toEqual(jstDate(2026, 11, 3, 7 * 60));
  });
});

describe("[BROADCASTS] quiet hours", () => {
  const quiet = parseQuietHours("21:00-07:00");
  it("hold sends between 21:00 and 7:00 until 7:00", () => {
    expect(isQuietTime(jst("2026-12-01T20:59:00"), quiet)).toBe(false);
    expect(isQuietTime(jst("2026-12-01T21:00:00"), quiet)).toBe(true);
    expect(isQuietTime(jst("2026-12-02T06:59:00"), quiet)).toBe(true);
    expect(isQuietTime(jst("2026-12-02T07:00:00"), quiet)).toBe(false);
    expect(afterQuietHours(jst("2026-12-01T22:15:00"), quiet)).toEqual(jst("2026-12-02T07:00:00"));
    expect(afterQuietHours(jst("2026-12-02T03:00:00"), quiet)).toEqual(jst("2026-12-02T07:00:00"));
    expect(afterQuietHours(jst("2026-12-02T12:00:00"), quiet)).toEqual(jst("2026-12-02T12:00:00"));
  });
  it("daytime quiet hours and none", () => {
    const lunch = parseQuietHours("12:00-13:00");
    expect(isQuietTime(jst("2026-12-02T12:30:00"), lunch)).toBe(true);
    expect(afterQuietHours(jst("2026-12-02T12:30:00"), lunch)).toEqual(jst("2026-12-02T13:00:00"));
    expect(parseQuietHours("off")).toBeNull();
    expect(isQuietTime(jst("2026-12-02T03:00:00"), null)).toBe(false);
    expect(() => parseQuietHours("9pm-7am")).toThrow();
  });
});
