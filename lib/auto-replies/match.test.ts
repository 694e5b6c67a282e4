import { describe, expect, it } from "vitest";
import { findMatchingRule, isRuleInEffect, matchesKeyword, regexProblem, type RuleForMatching } from "./match";

function rule(overrides: Partial<RuleForMatching> = {}): RuleForMatching {
  return { matchType: "CONTAINS", pattern: "ごみの日", active: true, activeFrom: null, activeUntil: null, hoursFrom: null, hoursUntil: null, weekdays: [], ...overrides };
}

// 2026-12-02 (Wednesday) 10:00 in Japan.
const WEDNESDAY_10 = new Date("2026-12-02T01:00:00Z");

describe("[AUTO-REPLY] matching", () => {
  it("exact, contains (one keyword per line) and regular expressions, on normalised text", () => {
    expect(matchesKeyword(rule({ matchType: "EXACT", pattern: "開庁時間" }), "開庁時間")).toBe(true);
    expect(matchesKeyword(rule({ matchType: "EXACT", pattern: "開庁時間" }), "開庁時間は？")).toBe(false);
    expect(matchesKeyword(rule({ pattern: "ごみの日\nゴミの日" }), "次のゴミの日は")).toBe(true);
    expect(matchesKeyword(rule({ matchType: "REGEX", pattern: "^(燃える|燃やす)ごみ" }), "燃やすごみの出し方")).toBe(true);
    expect(findMatchingRule([rule({ matchType: "EXACT", pattern: "ＡＢＣ" })], "  abc ", WEDNESDAY_10)).toBeDefined(); // full width, case, spaces
    expect(findMatchingRule([rule({ matchType: "EXACT", pattern: "ごみ" })], "ｺﾞﾐ", WEDNESDAY_10)).toBeUndefined(); // katakana stays katakana
  });

  it("the first rule in priority order wins", () => {
    const rules = [rule({ pattern: "ごみ", matchType: "CONTAINS" }), rule({ pattern: "ごみの日", matchType: "EXACT" })];
    expect(findMatchingRule(rules, "ごみの日", WEDNESDAY_10)).toBe(rules[0]);
  });

  it("respects the active flag, period, days of the week and hours (Japan time, across midnight)", () => {
    expect(isRuleInEffect(rule({ active: false }), WEDNESDAY_10)).toBe(false);
    expect(isRuleInEffect(rule({ activeFrom: new Date("2026-12-03T00:00:00+09:00") }), WEDNESDAY_10)).toBe(false);
    expect(isRuleInEffect(rule({ activeUntil: new Date("2026-12-02T10:00:00+09:00") }), WEDNESDAY_10)).toBe(false);
    expect(isRuleInEffect(rule({ weekdays: [0, 6] }), WEDNESDAY_10)).toBe(false);
    expect(isRuleInEffect(rule({ weekdays: [3] }), WEDNESDAY_10)).toBe(true);
    expect(isRuleInEffect(rule({ hoursFrom: 9 * 60, hoursUntil: 17 * 60 }), WEDNESDAY_10)).toBe(true);
    expect(isRuleInEffect(rule({ hoursFrom: 17 * 60 + 15, hoursUntil: 8 * 60 + 30 }), WEDNESDAY_10)).toBe(false);
    expect(isRuleInEffect(rule({ hoursFrom: 17 * 60 + 15, hoursUntil: 8 * 60 + 30 }), new Date("2026-12-02T23:30:00+09:00"))).toBe(true);
    expect(isRuleInEffect(rule({ hoursFrom: 17 * 60 + 15, hoursUntil: 8 * 60 + 30 }), new Date("2026-12-03T07:00:00+09:00"))).toBe(true);
  });

  it("refuses regular expressions that could take exponential time, and ones that do not compile", () => {
    expect(regexProblem("^(ごみ|ゴミ)の日$")).toBeNull();
    expect(regexProblem("[0-9]+番地")).toBeNull();
    expect(regexProblem("(a+)+$")).toMatch(/入れ子/);
    expect(regexProblem("(a|aa)*b")).toMatch(/入れ子/);
    expect(regexProblem("((ab)*c)+")).toMatch(/入れ子/);
    expect(regexProblem("(")).toMatch(/正しくありません/);
    expect(regexProblem("x".repeat(201))).toMatch(/200文字/);
  });
});
