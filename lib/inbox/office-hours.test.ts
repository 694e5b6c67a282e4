import { describe, expect, it } from "vitest";
import { describeOfficeHours, isWithinOfficeHours, parseOfficeHours } from "./office-hours";
import { previewOf } from "./receive";

describe("[INBOX] office hours (Japan time)", () => {
  const weekdays = parseOfficeHours("1-5 08:30-17:15");
  it("knows when staff are at their desks", () => {
    expect(isWithinOfficeHours(weekdays, new Date("2026-12-02T08:30:00+09:00"))).toBe(true); // Wednesday
    expect(isWithinOfficeHours(weekdays, new Date("2026-12-02T17:15:00+09:00"))).toBe(false);
    expect(isWithinOfficeHours(weekdays, new Date("2026-12-05T10:00:00+09:00"))).toBe(false); // Saturday
    expect(isWithinOfficeHours(weekdays, new Date("2026-12-01T23:30:00Z"))).toBe(true); // Wednesday 08:30 in Japan
  });
  it("says the hours the way residents read them", () => {
    expect(describeOfficeHours(weekdays)).toBe("平日 8:30〜17:15");
    expect(describeOfficeHours(parseOfficeHours("0-6 9:00-17:00"))).toBe("毎日 9:00〜17:00");
    expect(describeOfficeHours(parseOfficeHours("1,3,5 09:00-12:00"))).toBe("月・水・金 9:00〜12:00");
    expect(() => parseOfficeHours("weekdays 9-17")).toThrow();
    expect(() => parseOfficeHours("1-5 17:00-09:00")).toThrow();
  });
  it("previews messages in the conversation list", () => {
    expect(previewOf("TEXT", "  改行\nあり  ")).toBe("改行 あり");
    expect(previewOf("IMAGE", null)).toBe("［画像］");
    expect(previewOf("FILE", "申請書.pdf")).toBe("［ファイル］ 申請書.pdf");
    expect(previewOf("TEXT", "あ".repeat(100))).toHaveLength(80);
  });
});
