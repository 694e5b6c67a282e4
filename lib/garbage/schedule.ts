// Collection rules in 5374 notation (codeforkanazawa-org/5374 LOCALIZE.md, area_days.csv):
//   "月 木"                 every Monday and Thursday
//   "水2 水4"               the 2nd and 4th Wednesday of the month (the n-th such weekday)
//   "火2 金4:4 6 8 10 12 2" … only in the months after the colon
//   "20261230 20270105"     on those days (irregular collection)
//   "火 金 *1"              … with remark 1 (remarks.csv) shown beside it
// Published data also writes "月･木", "第４水" and "収集なし"; they are read too.
// Dates are civil dates in Japan (collection days do not move with the server's time zone).

export const WEEKDAY_LABELS = ["日", "月", "火", "水", "木", "金", "土"] as const;

export type CollectionRule = {
  weekdays: number[];
  nth: { weekday: number; n: number }[];
  /** ISO dates (YYYY-MM-DD). */
  dates: string[];
  /** Months (1–12) the rule applies in; null = every month. */
  months: number[] | null;
  remarks: number[];
  /** Written as "no collection" (収集なし) or empty. */
  none: boolean;
};

export type ParseRuleResult = { ok: true; rule: CollectionRule } | { ok: false; error: string };

const EMPTY_MARKERS = new Set(["", "収集なし", "収集無し", "収集していません", "なし", "無し", "-", "ー", "―", "×"]);

function toHalfWidth(text: string): string {
  return text.normalize("NFKC");
}

/** Parses a 5374 collection-day cell. Errors are Japanese sentences for staff. */
export function parseRule(pattern: string): ParseRuleResult {
  const rule: CollectionRule = { weekdays: [], nth: [], dates: [], months: null, remarks: [], none: false };
  const text = toHalfWidth(pattern).trim();
  if (EMPTY_MARKERS.has(text)) return { ok: true, rule: { ...rule, none: true } };
  const [daysPart, monthsPart, ...extra] = text.split(":");
  if (extra.length > 0) return { ok: false, error: `「:」は1回だけ使えます（${pattern}）。` };
  if (monthsPart !== undefined) {
    const months = monthsPart.split(/[\s,、･・]+/).filter(Boolean).map(Number);
    if (months.length === 0 || months.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) {
      return { ok: false, error: `「:」のあとには収集する月を 1〜12 の数字で書いてください（${pattern}）。` };
    }
    rule.months = [...new Set(months)].sort((a, b) => a - b);
  }
  const tokens = (daysPart ?? "").split(/[\s,、･・]+/).filter(Boolean);
  if (tokens.length === 0) return { ok: false, error: `収集する曜日が書かれていません（${pattern}）。` };
  for (const token of tokens) {
    const weekly = /^([日月火水木金土])(曜日?)?$/.exec(token);
    const nth = parseNth(token);
    const date = /^(\d{4})(\d{2})(\d{2})$/.exec(token);
    const remark = /^\*(\d+)$/.exec(token);
    if (weekly) {
      const weekday = WEEKDAY_LABELS.indexOf(weekly[1] as (typeof WEEKDAY_LABELS)[number]);
      if (!rule.weekdays.includes(weekday)) rule.weekdays.push(weekday);
    } else if (nth) {
      const { weekday, n } = nth;
      if (!rule.nth.some((x) => x.weekday === weekday && x.n === n)) rule.nth.push({ weekday, n });
    } else if (date) {
      const iso = `${date[1]}-${date[2]}-${date[3]}`;
      if (!isValidIsoDate(iso)) return { ok: false, error: `日付「${token}」はありません（${pattern}）。` };
      if (!rule.dates.includes(iso)) rule.dates.push(iso);
    } else if (remark) {
      rule.remarks.push(Number(remark[1]));
    } else if (EMPTY_MARKERS.has(token)) {
      // "収集なし" beside other tokens adds nothing.
    } else {
      return {
        ok: false,
        error: `「${token}」を収集日として読めません。曜日（月）、第n曜日（水2）、日付（20261230）、注意事項（*1）で書いてください（${pattern}）。`,
      };
    }
  }
  rule.weekdays.sort((a, b) => a - b);
  rule.nth.sort((a, b) => a.n - b.n || a.weekday - b.weekday);
  rule.dates.sort();
  if (rule.weekdays.length === 0 && rule.nth.length === 0 && rule.dates.length === 0) rule.none = true;
  return { ok: true, rule };
}

// 水2, and 第2水 / 第2水曜日 (written the Japanese way round).
function parseNth(token: string): { weekday: number; n: number } | null {
  const m = /^([日月火水木金土])(?:曜日?)?([1-5])$/.exec(token);
  if (m) return { weekday: WEEKDAY_LABELS.indexOf(m[1] as (typeof WEEKDAY_LABELS)[number]), n: Number(m[2]) };
  const r = /^第([1-5])([日月火水木金土])(?:曜日?)?$/.exec(token);
  if (r) return { weekday: WEEKDAY_LABELS.indexOf(r[2] as (typeof WEEKDAY_LABELS)[number]), n: Number(r[1]) };
  return null;
}

function isValidIsoDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

// ── civil dates (UTC midnight Date objects stand for a day in Japan)

const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;

/** Today's date in Japan as a UTC-midnight Date. */
export function japanToday(now: Date = new Date()): Date {
  const shifted = new Date(now.getTime() + JST_OFFSET_MS);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
}

export function isoDate(day: Date): string {
  return day.toISOString().slice(0, 10);
}

export function parseIsoDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

export type Suspension = { startsOn: Date; endsOn: Date };

/** Whether the rule collects on this day (ignoring suspensions). */
export function collectsOn(rule: CollectionRule, day: Date): boolean {
  if (rule.none) return false;
  const iso = isoDate(day);
  if (rule.dates.includes(iso)) return true;
  if (rule.months && !rule.months.includes(day.getUTCMonth() + 1)) return false;
  const weekday = day.getUTCDay();
  if (rule.weekdays.includes(weekday)) return true;
  const n = Math.ceil(day.getUTCDate() / 7);
  return rule.nth.some((x) => x.weekday === weekday && x.n === n);
}

export function isSuspended(day: Date, suspensions: readonly Suspension[]): boolean {
  const t = day.getTime();
  return suspensions.some((s) => s.startsOn.getTime() <= t && t <= s.endsOn.getTime());
}

/** The next `count` collection days from `from` (inclusive), skipping suspensions, within `horizonDays`. */
export function nextCollectionDays(
  rule: CollectionRule,
  from: Date,
  options: { count?: number; suspensions?: readonly Suspension[]; horizonDays?: number } = {},
): Date[] {
  const count = options.count ?? 1;
  const horizon = options.horizonDays ?? 400;
  const out: Date[] = [];
  if (rule.none) return out;
  for (let i = 0; i <= horizon && out.length < count; i++) {
    const day = addDays(from, i);
    if (collectsOn(rule, day) && !isSuspended(day, options.suspensions ?? [])) out.push(day);
  }
  return out;
}

/** Every collection day of a month (1–12) for the rule, skipping suspensions. */
export function collectionDaysInMonth(rule: CollectionRule, year: number, month: number, suspensions: readonly Suspension[] = []): Date[] {
  const out: Date[] = [];
  for (let d = 1; d <= 31; d++) {
    const day = new Date(Date.UTC(year, month - 1, d));
    if (day.getUTCMonth() !== month - 1) break;
    if (collectsOn(rule, day) && !isSuspended(day, suspensions)) out.push(day);
  }
  return out;
}

/** 「毎週 月・木曜日」「第2・第4 水曜日」…: the rule in words, for staff screens and residents. */
export function describeRule(rule: CollectionRule): string {
  if (rule.none) return "収集はありません";
  const parts: string[] = [];
  if (rule.weekdays.length) parts.push(`毎週 ${rule.weekdays.map((w) => WEEKDAY_LABELS[w]).join("・")}曜日`);
  const byWeekday = new Map<number, number[]>();
  for (const { weekday, n } of rule.nth) byWeekday.set(weekday, [...(byWeekday.get(weekday) ?? []), n]);
  for (const [weekday, ns] of byWeekday) parts.push(`${ns.map((n) => `第${n}`).join("・")} ${WEEKDAY_LABELS[weekday]}曜日`);
  if (rule.dates.length) {
    const shown = rule.dates.slice(0, 4).map((iso) => formatJapaneseDate(parseIsoDate(iso)));
    parts.push(`${shown.join("、")}${rule.dates.length > 4 ? ` ほか${rule.dates.length - 4}日` : ""}`);
  }
  let text = parts.join("、");
  if (rule.months) text += `（${rule.months.join("・")}月のみ）`;
  return text;
}

/** 12月30日（火） */
export function formatJapaneseDate(day: Date, options: { year?: boolean } = {}): string {
  const prefix = options.year ? `${day.getUTCFullYear()}年` : "";
  return `${prefix}${day.getUTCMonth() + 1}月${day.getUTCDate()}日（${WEEKDAY_LABELS[day.getUTCDay()]}）`;
}

/** 「今日」「明日」「あさって」 or the date, for chat answers. */
export function relativeDayLabel(day: Date, today: Date): string {
  const diff = Math.round((day.getTime() - today.getTime()) / DAY_MS);
  const date = formatJapaneseDate(day);
  if (diff === 0) return `今日 ${date}`;
  if (diff === 1) return `明日 ${date}`;
  if (diff === 2) return `あさって ${date}`;
  return date;
}
