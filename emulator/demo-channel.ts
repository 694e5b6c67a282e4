// The demo channel: the LINE channel the emulator creates when nothing else is configured, and the
// values the app needs to talk to it. `.env.example` lists the same values, so the app and the
// emulator agree with no configuration. They are public on purpose — they only work against the
// emulator, never against the real LINE Platform.

export type LineChannelConfig = {
  /** Messaging API channel id (10 digits on the real platform). */
  channelId: string;
  /** Channel secret: signs webhooks (HMAC-SHA256, FACTS.md §1). */
  channelSecret: string;
  /** Long-lived channel access token the app sends as `Authorization: Bearer …`. */
  channelAccessToken: string;
  /** LINE Login channel the LIFF app belongs to: the `aud` of residents' ID tokens (FACTS.md §3). */
  loginChannelId: string;
  /** LIFF app ids of the login channel ("{loginChannelId}-{8 characters}"). The first is the app's. */
  liffIds: string[];
  /** The bot's user id: `destination` of every webhook (pattern ^U[0-9a-f]{32}$, webhook.yml). */
  botUserId: string;
  /** Basic id shown in LINE ("@…"), returned by GET /v2/bot/info. */
  basicId: string;
  /** Account name shown in the chat header and returned by GET /v2/bot/info. */
  displayName: string;
};

export const DEMO_CHANNEL = {
  channelId: "2009000001",
  channelSecret: "c0ffee0de3000000000000000ca1e4da",
  channelAccessToken: "kairan-demo-channel-access-token-for-the-line-emulator-only",
  loginChannelId: "2009000002",
  liffIds: ["2009000002-KairanDm"],
  botUserId: "U8a1c6e0d3f4b45a7bb2c9d0e1f2a3b4c",
  basicId: "@kairan-demo",
  displayName: "みどり市",
} as const satisfies LineChannelConfig;

/**
 * The channel settings Kairan asks for (README, production): webhook redelivery on. LINE's default is
 * off; Kairan stores each event once by webhookEventId, so redelivering an event that got no answer
 * within 2 s (a busy moment, a restart) is safe, and nothing a resident sent is lost. LINE does not
 * publish its schedule; these delays are the emulator's. Used by `npm start` and the e2e setup.
 */
export const KAIRAN_WEBHOOK_SETTINGS = { redelivery: { enabled: true, delaysMs: [1000, 10_000, 60_000] } };

/**
 * The app's LINE environment variables (names from lib/env.ts) pointing at an emulator that runs
 * the demo channel at `emulatorBaseUrl` (e.g. "http://localhost:4010"). One origin serves the
 * api.line.me, api-data.line.me and LINE Login paths, so both base URLs are the same.
 */
export function demoLineEnv(emulatorBaseUrl: string): Record<string, string> {
  return lineEnvFor(DEMO_CHANNEL, emulatorBaseUrl);
}

/** The same for any channel the emulator runs (startEmulator returns it as `env`). */
export function lineEnvFor(channel: LineChannelConfig, emulatorBaseUrl: string): Record<string, string> {
  const url = new URL(emulatorBaseUrl);
  const base = url.origin;
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return {
    LINE_API_BASE_URL: base,
    LINE_API_DATA_BASE_URL: base,
    LINE_CHANNEL_ID: channel.channelId,
    LINE_CHANNEL_SECRET: channel.channelSecret,
    LINE_CHANNEL_ACCESS_TOKEN: channel.channelAccessToken,
    LINE_LOGIN_CHANNEL_ID: channel.loginChannelId,
    LIFF_ID: channel.liffIds[0] ?? "",
    LINE_EMULATOR_PORT: port,
  };
}
