// The only place that builds @line/bot-sdk clients. Base URLs come from the environment (real LINE
// hosts by default; the emulator in development and tests), so the same code talks to either.
// api.line.me and api-data.line.me are not interchangeable (FACTS.md §2): content download, rich menu
// images and audience uploads by file go to the data host, through the *Blob clients.
import { LineBotClient, manageAudience, messagingApi } from "@line/bot-sdk";
import { env, requireEnv } from "@/lib/env";

type LineClientConfig = { channelAccessToken: string; apiBaseURL: string; dataApiBaseURL: string };

export function lineClientConfig(): LineClientConfig {
  const e = env();
  return {
    channelAccessToken: requireEnv("LINE_CHANNEL_ACCESS_TOKEN"),
    apiBaseURL: trimSlash(e.LINE_API_BASE_URL),
    dataApiBaseURL: trimSlash(e.LINE_API_DATA_BASE_URL),
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

// Clients are cheap but hold no state worth rebuilding per call; one per configuration.
const cache = new Map<string, unknown>();

function cached<T>(kind: string, build: (config: LineClientConfig) => T): T {
  const config = lineClientConfig();
  const key = `${kind}|${config.apiBaseURL}|${config.dataApiBaseURL}|${config.channelAccessToken}`;
  let client = cache.get(key) as T | undefined;
  if (!client) {
    client = build(config);
    cache.set(key, client);
  }
  return client;
}

/** All Messaging API operations (and the data-host ones) through one client. */
export function getLineBotClient(): LineBotClient {
  return cached("bot", (c) => LineBotClient.fromChannelAccessToken({ channelAccessToken: c.channelAccessToken, apiBaseURL: c.apiBaseURL, dataApiBaseURL: c.dataApiBaseURL }));
}

/** Messaging API on api.line.me (push, multicast, narrowcast, profile, rich menus …). */
export function getMessagingApiClient(): messagingApi.MessagingApiClient {
  return cached("messaging", (c) => new messagingApi.MessagingApiClient({ channelAccessToken: c.channelAccessToken, baseURL: c.apiBaseURL }));
}

/** Messaging API on api-data.line.me (message content, rich menu images). */
export function getMessagingApiBlobClient(): messagingApi.MessagingApiBlobClient {
  return cached("messaging-blob", (c) => new messagingApi.MessagingApiBlobClient({ channelAccessToken: c.channelAccessToken, baseURL: c.dataApiBaseURL }));
}

/** Audience management on api.line.me. */
export function getManageAudienceClient(): manageAudience.ManageAudienceClient {
  return cached("audience", (c) => new manageAudience.ManageAudienceClient({ channelAccessToken: c.channelAccessToken, baseURL: c.apiBaseURL }));
}

/** Audience uploads by file on api-data.line.me. */
export function getManageAudienceBlobClient(): manageAudience.ManageAudienceBlobClient {
  return cached("audience-blob", (c) => new manageAudience.ManageAudienceBlobClient({ channelAccessToken: c.channelAccessToken, baseURL: c.dataApiBaseURL }));
}

/** Forget cached clients (tests that change the environment). */
export function resetLineClients(): void {
  cache.clear();
}
