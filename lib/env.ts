// The only reader of process.env. Everything configurable is declared, validated and documented here
// (the README's configuration table follows this file). Parsing is lazy so that `next build` and
// tools that need only part of the configuration work without a database.
import { z } from "zod";

const boolish = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL URL. Unset → `npm start`/`npm run dev` start the embedded PostgreSQL and set it for the app. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "postgresql:// で始まる URL を指定してください").optional(),
  /** Connections per app or worker process. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Public base URL of the app as browsers reach it (https in production). */
  APP_URL: z.url().default("http://localhost:3000"),
  /** Port the app listens on. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Secret that signs staff session cookies (≥ 32 characters). Generated and kept in .data/ in embedded mode. */
  NEXTAUTH_SECRET: z.string().min(32, "32 文字以上にしてください").optional(),
  /** Minutes without activity after which a staff session ends. */
  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(480),
  /** Hours after sign-in after which a staff session ends regardless of activity. */
  STAFF_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** Failed sign-ins in a row before an address is locked. */
  LOGIN_MAX_FAILED_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** Minutes an address stays locked. */
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Number of reverse proxies in front of the app whose X-Forwarded-For entries are trusted (0 = none). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Folder for the embedded PostgreSQL, generated secrets and uploads. */
  KAIRAN_DATA_DIR: z.string().default(".data"),
  /** Port of the embedded PostgreSQL. */
  KAIRAN_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54320),
  /** Port of the embedded PostgreSQL that tests use (its data lives in KAIRAN_DATA_DIR/pg-test). */
  KAIRAN_TEST_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54330),
  /** Tests: a local PostgreSQL server to create the test databases on instead of the embedded one. */
  TEST_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//).optional(),
  /** Where `next build` writes the app (lets two checkouts' test runs share a machine). */
  KAIRAN_NEXT_DIST_DIR: z.string().default(".next"),
  /** Seed the demo city (みどり市) into an empty database: auto = only with the embedded PostgreSQL. */
  KAIRAN_DEMO_SEED: z.enum(["auto", "true", "false"]).default("auto"),
  // ── LINE ── (unset → `npm start` runs the LINE emulator and points these at its demo channel)
  /** Start the LINE emulator with `npm start`: auto = when LINE_CHANNEL_ACCESS_TOKEN is not set. */
  LINE_EMULATOR: z.enum(["auto", "true", "false"]).default("auto"),
  /** Port of the LINE emulator. */
  LINE_EMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  /** Messaging API base URL (api.line.me, or the emulator). */
  LINE_API_BASE_URL: z.url().default("https://api.line.me"),
  /** Messaging API data base URL (api-data.line.me, or the emulator). */
  LINE_API_DATA_BASE_URL: z.url().default("https://api-data.line.me"),
  /** Messaging API channel id, secret (webhook signatures) and long-lived channel access token. */
  LINE_CHANNEL_ID: z.string().optional(),
  LINE_CHANNEL_SECRET: z.string().optional(),
  LINE_CHANNEL_ACCESS_TOKEN: z.string().optional(),
  /** LINE Login channel id that the LIFF app belongs to (the `aud` of residents' ID tokens). */
  LINE_LOGIN_CHANNEL_ID: z.string().optional(),
  /** LIFF app id whose endpoint URL is APP_URL/liff. */
  LIFF_ID: z.string().optional(),
  // ── The chat (webhook, 相談窓口)
  /** Days a received LINE webhook event is kept (its handling outcome is in the event row); then purged. */
  WEBHOOK_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** 相談窓口 office hours, Japan time: weekdays (0 = Sunday … 6 = Saturday, ranges and lists) and hours, e.g. "1-5 08:30-17:15". */
  INBOX_OFFICE_HOURS: z
    .string()
    .regex(/^[0-6](?:[-,][0-6])*\s+\d{1,2}:\d{2}-\d{1,2}:\d{2}$/, "「1-5 08:30-17:15」の形で指定してください")
    .default("1-5 08:30-17:15"),
  // ── Broadcasts (配信) and delivery (lib/delivery)
  /** Quiet hours, Japan time, that hold non-emergency broadcasts until they end ("21:00-07:00"; "off" = none). */
  BROADCAST_QUIET_HOURS: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, "「21:00-07:00」の形か off で指定してください")
    .default("21:00-07:00"),
  /** LINE's rate limit for multicast in requests per second (LINE's reference: 2,000; one source says 200). */
  LINE_MULTICAST_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(2000),
  /** Share of that limit delivery uses, across all worker processes together. */
  DELIVERY_RATE_SHARE: z.coerce.number().min(0.05).max(1).default(0.9),
  /** Multicast requests in flight per delivery lane (a worker runs up to two lanes). */
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(512).default(32),
  /** Lanes (queue jobs) per send, so that several worker processes can share one broadcast. */
  DELIVERY_LANES: z.coerce.number().int().min(1).max(64).default(2),
  /**
   * The most resident positions in one slice of batches made while the first ones are already sending
   * (lib/delivery/prepare-run.ts); 0 makes every batch in the start transaction, in one statement.
   */
  DELIVERY_SLICE_POSITIONS: z.coerce.number().int().min(0).max(100_000_000).default(262_144),
  /** Set by the start script when it runs the embedded PostgreSQL (demo and development mode). */
  KAIRAN_EMBEDDED: boolish.default(false),
});

export type Env = z.infer<typeof envSchema>;
export type EnvName = keyof Env;

let cached: Env | undefined;

/** Thrown for missing or invalid configuration; the message names the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

function parse(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`環境変数の値が正しくありません (invalid environment variables):\n${lines.join("\n")}`);
  }
  return result.data;
}

/** The validated configuration of this process. */
export function env(): Env {
  cached ??= parse(process.env);
  return cached;
}

/** A variable that this code path cannot run without. */
export function requireEnv<K extends EnvName>(name: K): NonNullable<Env[K]> {
  const value = env()[name];
  if (value === undefined || value === null || value === "") {
    throw new ConfigError(
      `環境変数 ${name} が設定されていません。README の「設定」を参照してください。 (${name} is not set; see the configuration table in README.md)`,
    );
  }
  return value as NonNullable<Env[K]>;
}

/** For tests and the start script: re-read after they changed the environment of this process. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** Variables the start script passes on to the processes it starts. */
export function setChildEnv(values: Partial<Record<EnvName, string>> & Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) process.env[key] = value;
  }
  resetEnvCache();
}

/** The whole process environment, for spawning child processes with it. */
export function processEnvForChild(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** Loads a dotenv file into this process if it exists (Node's own parser). */
export function loadEnvFile(file: string): boolean {
  try {
    process.loadEnvFile(file);
    resetEnvCache();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/** next-auth 4 reads NEXTAUTH_URL itself; derive it from APP_URL so there is one setting. */
export function exposeAppUrlToNextAuth(): void {
  if (!process.env.NEXTAUTH_URL) process.env.NEXTAUTH_URL = env().APP_URL;
}
