import { describe, expect, it } from "vitest";
import { collectionDaysInMonth, describeRule, formatJapaneseDate, isoDate, japanToday, nextCollectionDays, parseIsoDate, parseRule, relativeDayLabel } from "./schedule";

function rule(pattern: string) {
  const parsed = parseRule(pattern);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.rule;
}

describe("[GARBAGE] 5374 collection rules", () => {
  it("reads weekly days, n-th weekdays, months, dates and remarks", () => {
    expect(rule("月 木")).toMatchObject({ weekdays: [1, 4], nth: [], months: null });
    expect(rule("水2 水4")).toMatchObject({ weekdays: [], nth: [{ weekday: 3, n: 2 }, { weekday: 3, n: 4 }] });
    expect(rule("火2 金4:4 6 8 10 12 2").months).toEqual([2, 4, 6, 8, 10, 12]);
    expect(rule("20261230 20270105").dates).toEqual(["2026-12-30", "2027-01-05"]);
    expect(rule("火 金 *1").remarks).toEqual([1]);
  });
  it("reads what published data also writes", () => {
    expect(rule("月･木").weekdays).toEqual([1, 4]);
    expect(rule("第４水").nth).toEqual([{ weekday: 3, n: 4 }]);
    expect(rule("収集なし").none).toBe(true);
    expect(rule("").none).toBe(true);
    expect(rule("水１").nth).toEqual([{ weekday: 3, n: 1 }]);
  });
  it("refuses what it cannot read, with a Japanese reason", () => {
    const bad = parseRule("岡本口町");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/「岡本口町」を収集日として読めません/);
    expect(parseRule("月:13").ok).toBe(false);
    expect(parseRule("20260230").ok).toBe(false);
  });
  it("describes rules in words", () => {
    expect(describeRule(rule("月 木"))).toBe("毎週 月・木曜日");
    expect(describeRule(rule("水2 水4"))).toBe("第2・第4 水曜日");
    expect(describeRule(rule("火2:4 6"))).toBe("第2 火曜日（4・6月のみ）");
  });
});

describe("[GARBAGE] collection days", () => {
  // 2026-12-01 is a Tuesday.
  const dec1 = parseIsoDate("2026-12-01");
  it("finds the next days, the n-th weekday counted within the month", () => {
    expect(nextCollectionDays(rule("月 木"), dec1, { count: 3 }).map(isoDate)).toEqual(["2026-12-03", "2026-12-07", "2026-12-10"]);
    expect(nextCollectionDays(rule("水2"), dec1, { count: 2 }).map(isoDate)).toEqual(["2026-12-09", "2027-01-13"]);
    expect(nextCollectionDays(rule("火2:4 6"), dec1).map(isoDate)).toEqual(["2027-04-13"]);
  });
  it("skips suspensions (年末年始)", () => {
    const suspensions = [{ startsOn: parseIsoDate("2026-12-29"), endsOn: parseIsoDate("2027-01-03") }];
    const from = parseIsoDate("2026-12-28");
    expect(nextCollectionDays(rule("月 木"), from, { count: 2, suspensions }).map(isoDate)).toEqual(["2026-12-28", "2027-01-04"]);
    expect(collectionDaysInMonth(rule("水"), 2026, 12, suspensions).map(isoDate)).toEqual(["2026-12-02", "2026-12-09", "2026-12-16", "2026-12-23"]);
  });
  it("works in Japan's date, whatever the server's time zone", () => {
    expect(isoDate(japanToday(new Date("2026-12-01T15:30:00Z")))).toBe("2026-12-02");
    expect(isoDate(japanToday(new Date("2026-12-01T14:59:00Z")))).toBe("2026-12-01");
    expect(formatJapaneseDate(dec1)).toBe("12月1日（火）");
    expect(relativeDayLabel(parseIsoDate("2026-12-02"), dec1)).toBe("明日 12月2日（水）");
  });
});
