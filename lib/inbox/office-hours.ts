// 相談窓口 office hours (INBOX_OFFICE_HOURS, Japan time): whether staff are at their desks now, and
// how to say the hours to a resident. Public holidays are not known to Kairan; on a holiday the
// acknowledgement still says the hours, which is true, and staff answer on the next working day.
export type OfficeHours = { days: Set<number>; from: number; until: number };

const DAY_NAMES = ["日", "月", "火", "水", "木", "金", "土"];

export function parseOfficeHours(spec: string): OfficeHours {
  const match = /^([0-6](?:[-,][0-6])*)\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(spec.trim());
  if (!match) throw new Error(`office hours must look like "1-5 08:30-17:15": ${spec}`);
  const days = new Set<number>();
  for (const part of match[1]!.split(",")) {
    const [a, b] = part.split("-").map(Number) as [number, number | undefined];
    for (let d = a; d <= (b ?? a); d++) days.add(d);
  }
  const from = Number(match[2]) * 60 + Number(match[3]);
  const until = Number(match[4]) * 60 + Number(match[5]);
  if (from >= until || until > 24 * 60) throw new Error(`office hours must start before they end: ${spec}`);
  return { days, from, until };
}

/** Day of week (0 = Sunday) and minutes after midnight in Japan (UTC+9, no daylight saving time). */
export function japanClock(date: Date): { day: number; minutes: number } {
  const jst = new Date(date.getTime() + 9 * 3_600_000);
  return { day: jst.getUTCDay(), minutes: jst.getUTCHours() * 60 + jst.getUTCMinutes() };
}

export function isWithinOfficeHours(hours: OfficeHours, at: Date): boolean {
  const { day, minutes } = japanClock(at);
  return hours.days.has(day) && minutes >= hours.from && minutes < hours.until;
}

function clock(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "平日 8:30〜17:15", "毎日 9:00〜17:00", "月・水・金 9:00〜12:00". */
export function describeOfficeHours(hours: OfficeHours): string {
  const days = [...hours.days].sort((a, b) => a - b);
  const key = days.join(",");
  const label = key === "1,2,3,4,5" ? "平日" : key === "0,1,2,3,4,5,6" ? "毎日" : key === "1,2,3,4,5,6" ? "月〜土曜日" : days.map((d) => DAY_NAMES[d]).join("・");
  return `${label} ${clock(hours.from)}〜${clock(hours.until)}`;
}
