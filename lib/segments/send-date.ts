// The calendar of a send: month number and day number in Japan time (UTC+9, no daylight saving).
// Segments compute ages and children's months on the day a broadcast is sent, not the day it was written.

export type SendDateParts = {
  /** year × 12 + month − 1 of the send date in Japan. */
  month: number;
  /** Days since 1970-01-01 of the send date in Japan. */
  day: number;
};

const JST_OFFSET_MS = 9 * 3_600_000;

export function sendDateParts(date: Date): SendDateParts {
  const jst = new Date(date.getTime() + JST_OFFSET_MS);
  return {
    month: jst.getUTCFullYear() * 12 + jst.getUTCMonth(),
    day: Math.floor(jst.getTime() / 86_400_000),
  };
}

/** Day number (Japan) of an instant. */
export function japanDayNumber(date: Date): number {
  return Math.floor((date.getTime() + JST_OFFSET_MS) / 86_400_000);
}
