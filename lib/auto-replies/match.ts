// Whether an auto-reply rule answers a message: keyword (exact / contains / regular expression)
// against the normalised text, within the rule's active period, days of the week and hours (Japan
// time). Pure: the staff test box and the webhook use the same function.
import type { AutoReplyMatch } from "@/generated/prisma/enums";
import { japanClock } from "@/lib/inbox/office-hours";
import { normalizeChatText } from "@/lib/webhook/registry";

export type RuleForMatching = {
  matchType: AutoReplyMatch;
  pattern: string;
  active: boolean;
  activeFrom: Date | null;
  activeUntil: Date | null;
  hoursFrom: number | null;
  hoursUntil: number | null;
  weekdays: number[];
};

/** Residents' messages are at most 5,000 characters; regular expressions see the first 1,000. */
const REGEX_INPUT_MAX = 1000;

/** EXACT and CONTAINS take one keyword per line. */
export function keywordsOf(pattern: string): string[] {
  return pattern
    .split(/\r?\n/)
    .map(normalizeChatText)
    .filter((k) => k.length > 0);
}

export function compileRulePattern(pattern: string): RegExp {
  return new RegExp(pattern, "iu");
}

export function matchesKeyword(rule: Pick<RuleForMatching, "matchType" | "pattern">, normalizedText: string): boolean {
  switch (rule.matchType) {
    case "EXACT":
      return keywordsOf(rule.pattern).includes(normalizedText);
    case "CONTAINS":
      return keywordsOf(rule.pattern).some((k) => normalizedText.includes(k));
    case "REGEX":
      try {
        return compileRulePattern(rule.pattern).test(normalizedText.slice(0, REGEX_INPUT_MAX));
      } catch {
        return false;
      }
  }
}

/** Whether the rule is switched on at `now`: active flag, period, days of the week, hours. */
export function isRuleInEffect(rule: RuleForMatching, now: Date): boolean {
  if (!rule.active) return false;
  if (rule.activeFrom && now.getTime() < rule.activeFrom.getTime()) return false;
  if (rule.activeUntil && now.getTime() >= rule.activeUntil.getTime()) return false;
  const { day, minutes } = japanClock(now);
  if (rule.weekdays.length > 0 && !rule.weekdays.includes(day)) return false;
  if (rule.hoursFrom !== null && rule.hoursUntil !== null && rule.hoursFrom !== rule.hoursUntil) {
    const within = rule.hoursFrom < rule.hoursUntil ? minutes >= rule.hoursFrom && minutes < rule.hoursUntil : minutes >= rule.hoursFrom || minutes < rule.hoursUntil;
    if (!within) return false;
  }
  return true;
}

/** The first rule (in the given order: priority) that answers the text now, or undefined. */
export function findMatchingRule<T extends RuleForMatching>(rules: T[], text: string, now: Date): T | undefined {
  const normalized = normalizeChatText(text);
  if (!normalized) return undefined;
  return rules.find((rule) => isRuleInEffect(rule, now) && matchesKeyword(rule, normalized));
}

/**
 * Refuses regular expressions that can take exponential time on a resident's message (a quantified
 * group that itself contains a quantifier or an alternation, like (a+)+ or (a|aa)*), and ones that
 * do not compile. Staff write these; residents' text is untrusted input for them.
 */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > 200) return "正規表現は200文字以内で入力してください。";
  try {
    compileRulePattern(pattern);
  } catch {
    return "正規表現の書き方が正しくありません。";
  }
  // Walk groups: for each group, remember whether it contains a quantifier or alternation.
  const stack: { risky: boolean }[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") {
      // skip a character class
      for (i++; i < pattern.length && pattern[i] !== "]"; i++) if (pattern[i] === "\\") i++;
      continue;
    }
    if (c === "(") stack.push({ risky: false });
    else if (c === ")") {
      const group = stack.pop();
      const next = pattern[i + 1];
      const quantified = next === "*" || next === "+" || next === "{" || next === "?";
      if (group?.risky && quantified && next !== "?") return "繰り返しを入れ子にした正規表現（例：(a+)+）は、処理に時間がかかるため使えません。";
      if (group?.risky && stack.length > 0) stack[stack.length - 1]!.risky = true;
      if (quantified && stack.length > 0) stack[stack.length - 1]!.risky = true;
    } else if ((c === "*" || c === "+" || c === "{" || c === "|") && stack.length > 0) {
      stack[stack.length - 1]!.risky = true;
    }
  }
  return null;
}
