// Everything about the emulator that a test, a benchmark or a municipality might want to change, with
// LINE's own numbers as defaults and the source of each number beside it.
import { DEMO_CHANNEL, type LineChannelConfig } from "./demo-channel";

/** A token bucket: `limit` requests per `windowMs`, refilled continuously. */
export type RateLimitRule = { limit: number; windowMs: number };
export type RateLimitSetting = RateLimitRule | "unlimited";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Per-endpoint limits, keyed by the OpenAPI operationId. Official table: messaging-api reference
 * "Rate limits" (stored copy 2025-04-16); "other API endpoints 2,000 requests per second". The
 * reference of that date lists multicast under 2,000/s (one second-hand source says 200/s; FACTS.md §2),
 * so multicast is left at the default and, like every limit, can be changed.
 */
export const LINE_RATE_LIMITS: Record<string, RateLimitRule> = {
  // 60 requests per hour
  narrowcast: { limit: 60, windowMs: HOUR },
  broadcast: { limit: 60, windowMs: HOUR },
  testWebhookEndpoint: { limit: 60, windowMs: HOUR },
  // 60 requests per minute: audience management
  createAudienceGroup: { limit: 60, windowMs: MINUTE },
  createAudienceForUploadingUserIds: { limit: 60, windowMs: MINUTE },
  addAudienceToAudienceGroup: { limit: 60, windowMs: MINUTE },
  addUserIdsToAudience: { limit: 60, windowMs: MINUTE },
  updateAudienceGroupDescription: { limit: 60, windowMs: MINUTE },
  deleteAudienceGroup: { limit: 60, windowMs: MINUTE },
  getAudienceData: { limit: 60, windowMs: MINUTE },
  getAudienceGroups: { limit: 60, windowMs: MINUTE },
  // 1,000 requests per minute
  setWebhookEndpoint: { limit: 1000, windowMs: MINUTE },
  getWebhookEndpoint: { limit: 1000, windowMs: MINUTE },
  // 100 requests per hour
  createRichMenu: { limit: 100, windowMs: HOUR },
  deleteRichMenu: { limit: 100, windowMs: HOUR },
  deleteRichMenuAlias: { limit: 100, windowMs: HOUR },
  getRichMenuBatchProgress: { limit: 100, windowMs: HOUR },
  // 3 requests per hour
  richMenuBatch: { limit: 3, windowMs: HOUR },
  // 100 requests per second
  showLoadingAnimation: { limit: 100, windowMs: SECOND },
  // 370 requests per second
  issueChannelToken: { limit: 370, windowMs: SECOND },
};

/** "Other API endpoints: 2,000 requests per second" (messaging-api reference, Rate limits). */
export const LINE_DEFAULT_RATE_LIMIT: RateLimitRule = { limit: 2000, windowMs: SECOND };

/** FACTS.md §2: reply tokens are to be used within one minute of the webhook. */
export const LINE_REPLY_TOKEN_TTL_MS = MINUTE;
/** retrying-api-request: "A retry key is valid for 24 hours after the first request." */
export const LINE_RETRY_KEY_TTL_MS = 24 * HOUR;
/** check-webhook-error-statistics (JA): no response within 2 seconds counts as request_timeout. */
export const LINE_WEBHOOK_TIMEOUT_MS = 2 * SECOND;

/** `none` = no monthly limit (地方公共団体プラン); `limited` = at most `value` messages a month. */
export type QuotaSetting = { type: "none" } | { type: "limited"; value: number };

export type WebhookSettings = {
  /** Where events go; LINE's "Webhook URL". */
  url: string;
  /** LINE's "Use webhook" switch. */
  active: boolean;
  /** Milliseconds before a delivery counts as `request_timeout`. */
  timeoutMs: number;
  /** Redeliver failed deliveries (LINE's opt-in "Webhook redelivery"; its schedule is unpublished). */
  redelivery: { enabled: boolean; delaysMs: number[] };
  /** Probability (0..1) of sending an accepted body a second time, byte for byte, to test idempotency. */
  duplicateRate: number;
  /** Probability (0..1) of redelivering an accepted body with isRedelivery=true, as LINE may after a lost answer. */
  spuriousRedeliveryRate: number;
  /** `mode` of events: "standby" when another channel holds chat control (module channels). */
  mode: "active" | "standby";
};

export type EmulatorConfig = {
  channel: LineChannelConfig;
  /** The app's public URL: LIFF links open `${appUrl}/liff/…`; the default webhook is `${appUrl}/api/line/webhook`. */
  appUrl: string;
  /** Synthetic residents 1..N as friends (lib/demo/synthetic-residents.ts). */
  syntheticFriends: number;
  replyTokenTtlMs: number;
  retryKeyTtlMs: number;
  rateLimits: Record<string, RateLimitSetting>;
  defaultRateLimit: RateLimitSetting;
  quota: QuotaSetting;
  webhook: WebhookSettings;
  /** How long a narrowcast stays `waiting`, then `sending`, before it settles. */
  narrowcast: { waitingMs: number; sendingMs: number };
  /** How long an uploaded audience stays IN_PROGRESS before it becomes READY. */
  audienceProcessingMs: number;
  login: {
    /** Lifetime of ID tokens minted for simulated residents. */
    idTokenTtlSeconds: number;
    /** Lifetime of LINE Login / LIFF access tokens (LINE Login: 30 days). */
    accessTokenTtlSeconds: number;
  };
  /**
   * LINE requires https for media URLs (image, video, audio, icons) and webhook URLs. Development
   * apps often serve them from http://localhost; when true, http URLs on localhost/127.0.0.1 are
   * accepted too. Off by default so that tests see what the real platform would reject.
   */
  allowLocalhostHttp: boolean;
  /** Parse multicast bodies on a second thread (core/parse-offload.ts); off = on the main thread. */
  parseThread: boolean;
};

export type EmulatorConfigInput = Partial<Omit<EmulatorConfig, "webhook" | "narrowcast" | "login" | "channel">> & {
  channel?: Partial<LineChannelConfig>;
  webhook?: Partial<WebhookSettings>;
  narrowcast?: Partial<EmulatorConfig["narrowcast"]>;
  login?: Partial<EmulatorConfig["login"]>;
};

export const DEFAULT_APP_URL = "http://localhost:3000";

export function resolveConfig(input: EmulatorConfigInput = {}, defaults: { syntheticFriends: number }): EmulatorConfig {
  const appUrl = (input.appUrl ?? DEFAULT_APP_URL).replace(/\/+$/, "");
  return {
    channel: { ...DEMO_CHANNEL, liffIds: [...DEMO_CHANNEL.liffIds], ...input.channel },
    appUrl,
    syntheticFriends: input.syntheticFriends ?? defaults.syntheticFriends,
    replyTokenTtlMs: input.replyTokenTtlMs ?? LINE_REPLY_TOKEN_TTL_MS,
    retryKeyTtlMs: input.retryKeyTtlMs ?? LINE_RETRY_KEY_TTL_MS,
    rateLimits: { ...LINE_RATE_LIMITS, ...input.rateLimits },
    defaultRateLimit: input.defaultRateLimit ?? LINE_DEFAULT_RATE_LIMIT,
    quota: input.quota ?? { type: "none" },
    webhook: {
      url: `${appUrl}/api/line/webhook`,
      active: true,
      timeoutMs: LINE_WEBHOOK_TIMEOUT_MS,
      redelivery: { enabled: false, delaysMs: [1000, 10_000, 60_000] },
      duplicateRate: 0,
      spuriousRedeliveryRate: 0,
      mode: "active",
      ...input.webhook,
    },
    narrowcast: { waitingMs: 500, sendingMs: 1500, ...input.narrowcast },
    audienceProcessingMs: input.audienceProcessingMs ?? 500,
    login: { idTokenTtlSeconds: 3600, accessTokenTtlSeconds: 30 * 24 * 3600, ...input.login },
    allowLocalhostHttp: input.allowLocalhostHttp ?? false,
    parseThread: input.parseThread ?? true,
  };
}

/** Parses "multicast=2000/1s", "narrowcast=60/1h", "broadcast=unlimited" (CLI and admin API). */
export function parseRateLimitSetting(text: string): RateLimitSetting {
  if (text === "unlimited") return "unlimited";
  const match = /^(\d+)\/(\d*)(ms|s|m|h)$/.exec(text.trim());
  if (!match) throw new Error(`rate limit "${text}" is not like 2000/1s, 60/1h or unlimited`);
  const unit = { ms: 1, s: SECOND, m: MINUTE, h: HOUR }[match[3] as "ms" | "s" | "m" | "h"];
  return { limit: Number(match[1]), windowMs: Number(match[2] || "1") * unit };
}
