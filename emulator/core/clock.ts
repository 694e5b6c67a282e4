// The emulator's notion of "now". Every expiry (reply tokens, retry keys, ID tokens, narrowcast
// phases, rate-limit buckets) reads this clock, so tests can move time forward instead of waiting
// 24 hours for a retry key to lapse.
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** yyyyMMdd in Japan time: LINE's delivery statistics use "Timezone: UTC+9" (messaging-api.yml). */
export function jstDateKey(ms: number): string {
  const d = new Date(ms + JST_OFFSET_MS);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, "0")}${String(d.getUTCDate()).padStart(2, "0")}`;
}

/** yyyyMM in Japan time: the monthly message quota resets with the Japanese calendar month. */
export function jstMonthKey(ms: number): string {
  return jstDateKey(ms).slice(0, 6);
}
