// Per-channel, per-endpoint token buckets. LINE: "rate limits for each API function (endpoint) on a
// per-channel"; "even if the endpoint URL is the same, it is a different endpoint if the HTTP method is
// different" — so buckets are keyed by operationId, which already differs by method.
import type { RateLimitSetting } from "../config";
import type { Clock } from "./clock";

type Bucket = { tokens: number; updatedAt: number };

export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(
    private clock: Clock,
    private settings: { rateLimits: Record<string, RateLimitSetting>; defaultRateLimit: RateLimitSetting },
  ) {}

  settingFor(endpointId: string): RateLimitSetting {
    return this.settings.rateLimits[endpointId] ?? this.settings.defaultRateLimit;
  }

  /** Takes one token; false when the bucket is empty (the caller answers 429). */
  take(endpointId: string): boolean {
    const setting = this.settingFor(endpointId);
    if (setting === "unlimited") return true;
    const now = this.clock.now();
    let bucket = this.buckets.get(endpointId);
    if (!bucket) {
      bucket = { tokens: setting.limit, updatedAt: now };
      this.buckets.set(endpointId, bucket);
    } else if (now > bucket.updatedAt) {
      bucket.tokens = Math.min(setting.limit, bucket.tokens + ((now - bucket.updatedAt) * setting.limit) / setting.windowMs);
      bucket.updatedAt = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  set(endpointId: string, setting: RateLimitSetting): void {
    this.settings.rateLimits[endpointId] = setting;
    this.buckets.delete(endpointId);
  }

  setDefault(setting: RateLimitSetting): void {
    this.settings.defaultRateLimit = setting;
    this.buckets.clear();
  }

  /** Refills every bucket (tests that exhaust a limit start the next case clean). */
  reset(): void {
    this.buckets.clear();
  }

  describe(): { defaultRateLimit: RateLimitSetting; rateLimits: Record<string, RateLimitSetting>; remaining: Record<string, number> } {
    const remaining: Record<string, number> = {};
    for (const [id, bucket] of this.buckets) remaining[id] = Math.floor(bucket.tokens);
    return { defaultRateLimit: this.settings.defaultRateLimit, rateLimits: { ...this.settings.rateLimits }, remaining };
  }
}
