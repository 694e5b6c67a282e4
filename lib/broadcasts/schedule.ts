// When a broadcast goes out: now, at a time, or recurring (daily / weekly / monthly at a time of day),
// all in Japan time; and quiet hours (default 21:00–7:00, BROADCAST_QUIET_HOURS) that hold
// non-emergency sends until they end. Pure functions of their inputs (no clock, no database).
import { z } from "@/lib/zod";

const JST_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

export const WEEKDAY_LABELS = ["日曜日", "月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日"] as const;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "時刻は 00:00〜23:59 で入力してください");

export const recurrenceSchema = z
  .object({
    frequency: z.enum(["daily", "weekly", "monthly"]),
    time,
    /** weekly: 0 = Sunday … 6 = Saturday. */
    weekday: z.number().int().min(0).max(6).nullable(),
    /** monthly: 1–31 (a shorter month uses its last day). */
    dayOfMonth: z.number().int().min(1).max(31).nullable(),
    /** Last day (Japan) on which it may run, inclusive; null = until canceled. */
    until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  })
  .refine((r) => r.frequency !== "weekly" || r.weekday !== null, { message: "曜日を選んでください", path: ["weekday"] })
  .refine((r) => r.frequency !== "monthly" || r.dayOfMonth !== null, { message: "日にちを選んでください", path: ["dayOfMonth"] });
export type Recurrence = z.infer<typeof recurrenceSchema>;

/** Japan wall-clock parts of an instant. */
function jstParts(date: Date) {
  const jst = new Date(date.getTime() + JST_OFFSET_MS);
  return { year: jst.getUTCFullYear(), month: jst.getUTCMonth(), day: jst.getUTCDate(), weekday: jst.getUTCDay(), minutes: jst.getUTCHours() * 60 + jst.getUTCMinutes() };
}

/** The instant of a Japan wall-clock time. */
export function jstDate(year: number, month: number, day: number, minutes = 0): Date {
  return new Date(Date.UTC(year, month, day) + minutes * 60_000 - JST_OFFSET_MS);
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The first occurrence at or after `from` (null when `until` has passed). */
export function nextOccurrence(recurrence: Recurrence, from: Date): Date | null {
  const at = minutesOf(recurrence.time);
  const start = jstParts(from);
  let untilEnd: Date | null = null;
  if (recurrence.until) {
    const [y, m, d] = recurrence.until.split("-").map(Number);
    untilEnd = jstDate(y!, m! - 1, d! + 1);
  }
  for (let offset = 0; offset < 400; offset++) {
    const day = new Date(Date.UTC(start.year, start.month, start.day + offset));
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth();
    const d = day.getUTCDate();
    let matches = false;
    if (recurrence.frequency === "daily") matches = true;
    else if (recurrence.frequency === "weekly") matches = day.getUTCDay() === recurrence.weekday;
    else matches = d === Math.min(recurrence.dayOfMonth!, daysInMonth(y, m));
    if (!matches) continue;
    const candidate = jstDate(y, m, d, at);
    if (candidate.getTime() < from.getTime()) continue;
    if (untilEnd && candidate.getTime() >= untilEnd.getTime()) return null;
    return candidate;
  }
  return null;
}

export function describeRecurrence(recurrence: Recurrence): string {
  const until = recurrence.until ? `（${recurrence.until.replace(/-/g, "/")}まで）` : "";
  if (recurrence.frequency === "daily") return `毎日 ${recurrence.time}${until}`;
  if (recurrence.frequency === "weekly") return `毎週${WEEKDAY_LABELS[recurrence.weekday!]} ${recurrence.time}${until}`;
  return `毎月${recurrence.dayOfMonth}日 ${recurrence.time}${until}`;
}

// ── quiet hours

export type QuietHours = { start: number; end: number } | null;

/** "21:00-07:00" → minutes of the day; "" or "off" → none. */
export function parseQuietHours(value: string): QuietHours {
  const text = value.trim();
  if (text === "" || text === "off") return null;
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) throw new Error(`quiet hours must look like 21:00-07:00, not ${value}`);
  const start = Number(match[1]) * 60 + Number(match[2]);
  const end = Number(match[3]) * 60 + Number(match[4]);
  return start === end ? null : { start, end };
}

export function isQuietTime(date: Date, quiet: QuietHours): boolean {
  if (!quiet) return false;
  const { minutes } = jstParts(date);
  return quiet.start < quiet.end ? minutes >= quiet.start && minutes < quiet.end : minutes >= quiet.start || minutes < quiet.end;
}

/** `date` itself, or the end of the quiet hours it falls in. */
export function afterQuietHours(date: Date, quiet: QuietHours): Date {
  if (!quiet || !isQuietTime(date, quiet)) return date;
  const p = jstParts(date);
  // The end is later today, or tomorrow when the quiet hours started this evening.
  const sameDay = jstDate(p.year, p.month, p.day, quiet.end);
  return sameDay.getTime() > date.getTime() ? sameDay : new Date(sameDay.getTime() + DAY_MS);
}

export function formatQuietHours(quiet: QuietHours): string {
  if (!quiet) return "なし";
  const f = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, "0")}`;
  return `${f(quiet.start)}〜${f(quiet.end)}`;
}
