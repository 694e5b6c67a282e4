// What a LIFF page needs in the browser: the LIFF id, and whether LINE is real or the local emulator
// (then @line/liff-mock stands in for the LINE app and the emulator's handoff supplies real tokens,
// lib/line/liff-handoff.ts). Decided on the server from the configuration.
import { env } from "@/lib/env";

export type LiffClientConfig = {
  liffId: string;
  /** The LINE Platform is the emulator: use @line/liff-mock with the emulator's tokens. */
  mock: boolean;
  /** Where the emulator's phone view is (shown when a page is opened outside it). */
  emulatorUrl: string | null;
};

/** LINE's own API host; anything else (the emulator) means LINE is emulated. */
export const LINE_API_HOST = "api.line.me";

export function isLineEmulated(): boolean {
  return new URL(env().LINE_API_BASE_URL).hostname !== LINE_API_HOST;
}

export function liffClientConfig(): LiffClientConfig {
  const e = env();
  const mock = isLineEmulated();
  return { liffId: e.LIFF_ID ?? "", mock, emulatorUrl: mock ? new URL(e.LINE_API_BASE_URL).origin : null };
}

/**
 * connect-src for LIFF pages: the LINE API (LIFF's own server calls, token verification), LINE Login,
 * and the LIFF SDK's CDN and log endpoint (origins found in @line/liff 2.31's code); in development,
 * the emulator that stands in for api.line.me.
 */
export function liffConnectSources(lineApiBaseUrl: string): string[] {
  const sources = new Set(["https://api.line.me", "https://access.line.me", "https://liffsdk.line-scdn.net", "https://uts-front.line-apps.com"]);
  sources.add(new URL(lineApiBaseUrl).origin);
  return [...sources];
}
