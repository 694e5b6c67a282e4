// Display formats for staff screens: dates and times in Japan time, numbers with separators.
const DATE_TIME = new Intl.DateTimeFormat("ja-JP", {
  timeZone: "Asia/Tokyo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});
const DATE = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" });
const NUMBER = new Intl.NumberFormat("ja-JP");

export function formatDateTime(date: Date | null | undefined): string {
  return date ? DATE_TIME.format(date) : "—";
}

export function formatDate(date: Date | null | undefined): string {
  return date ? DATE.format(date) : "—";
}

export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/** A yyyy-mm-dd date typed in a filter, read as midnight Japan time (UTC+9, no DST). */
export function parseJstDate(value: string | undefined, endOfDay = false): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}+09:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
