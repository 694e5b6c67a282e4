// The browser side of every LIFF page: start LIFF (the pluggable SDK with only the modules Kairan
// uses: part of each page's first load, lib/liff/bundle.ts), log in
// outside LINE, and call /api/liff/** with the raw ID token (never a userId). With the emulator,
// @line/liff-mock stands in for the LINE app and the emulator's handoff provides real, verifiable
// tokens (lib/line/liff-handoff.ts). No server imports: this file is bundled for the browser.
import liff from "@line/liff/core";
import IsInClient from "@line/liff/is-in-client";
import IsLoggedIn from "@line/liff/is-logged-in";
import Login from "@line/liff/login";
import GetIDToken from "@line/liff/get-id-token";
import GetDecodedIDToken from "@line/liff/get-decoded-id-token";
import { readEmulatorLiffHandoff, stripLiffHandoff, type LiffHandoff } from "@/lib/line/liff-handoff";

export type LiffConfig = { liffId: string; mock: boolean; emulatorUrl: string | null };

export type LiffSession =
  | { state: "ready"; idToken: string; displayName: string | null; inClient: boolean; relogin(): void }
  | { state: "open-in-line"; emulatorUrl: string | null }
  | { state: "redirecting" }
  | { state: "error"; message: string };

const HANDOFF_KEY = "kairan.liff.handoff";

/** The emulator's tokens: from the URL fragment (then removed from the address bar), or this tab's earlier visit. */
function takeHandoff(): LiffHandoff | undefined {
  const fromHash = readEmulatorLiffHandoff(window.location.hash);
  if (fromHash) {
    sessionStorage.setItem(HANDOFF_KEY, JSON.stringify(fromHash));
    history.replaceState(history.state, "", `${window.location.pathname}${window.location.search}${stripLiffHandoff(window.location.hash)}`);
    return fromHash;
  }
  const stored = sessionStorage.getItem(HANDOFF_KEY);
  if (!stored) return undefined;
  try {
    const handoff = JSON.parse(stored) as LiffHandoff;
    return handoff.claims.exp * 1000 > Date.now() ? handoff : undefined;
  } catch {
    return undefined;
  }
}

let started: Promise<LiffSession> | null = null;

/** Starts LIFF once per page load (React may mount the shell twice in development). */
export function startLiff(config: LiffConfig): Promise<LiffSession> {
  started ??= start(config);
  return started;
}

async function start(config: LiffConfig): Promise<LiffSession> {
  if (!config.liffId) return { state: "error", message: "LIFF アプリが設定されていません（LIFF_ID）。管理者にお問い合わせください。" };
  let handoff: LiffHandoff | undefined;
  if (config.mock) {
    handoff = takeHandoff();
    if (!handoff) return { state: "open-in-line", emulatorUrl: config.emulatorUrl };
  }
  // liff-mock asks isInClient() while installing, so that module goes first (FACTS.md §3).
  liff.use(new IsInClient());
  liff.use(new IsLoggedIn());
  liff.use(new Login());
  liff.use(new GetIDToken());
  liff.use(new GetDecodedIDToken());
  try {
    if (handoff) {
      // A CommonJS module: bundlers give its exports as named exports or as the default export.
      type MockModule = typeof import("@line/liff-mock");
      const mockModule = (await import("@line/liff-mock")) as MockModule & { default?: Partial<MockModule> };
      const LiffMockPlugin = mockModule.LiffMockPlugin ?? mockModule.default?.LiffMockPlugin;
      if (!LiffMockPlugin) throw new Error("@line/liff-mock has no LiffMockPlugin");
      // liff-mock is typed against the full SDK; it installs on the pluggable core all the same.
      liff.use(new LiffMockPlugin() as unknown as Parameters<typeof liff.use>[0]);
      const mocked = liff as unknown as { init(config: { liffId: string; mock: boolean }): Promise<void>; $mock: { set(fn: (p: object) => object): void } };
      await mocked.init({ liffId: config.liffId, mock: true });
      const tokens = handoff;
      mocked.$mock.set((p) => ({
        ...p,
        isInClient: true,
        isLoggedIn: true,
        getIDToken: tokens.idToken,
        getAccessToken: tokens.accessToken,
        getDecodedIDToken: tokens.claims,
        getProfile: { userId: tokens.claims.sub, displayName: tokens.claims.name ?? "" },
      }));
    } else {
      // Outside LINE (a phone's or PC's browser) LIFF sends the resident to LINE Login and back.
      await liff.init({ liffId: config.liffId, withLoginOnExternalBrowser: true });
      if (!liff.isLoggedIn()) {
        liff.login({ redirectUri: window.location.href });
        return { state: "redirecting" };
      }
    }
  } catch (error) {
    return { state: "error", message: `LINE との接続を始められませんでした（${(error as Error).message}）。LINE アプリから開き直してください。` };
  }
  const idToken = liff.getIDToken();
  if (!idToken) return { state: "error", message: "LINE のログイン情報を取得できませんでした。LINE アプリから開き直してください。" };
  const decoded = liff.getDecodedIDToken();
  return {
    state: "ready",
    idToken,
    displayName: decoded?.name ?? null,
    inClient: liff.isInClient(),
    relogin: () => {
      if (handoff) {
        sessionStorage.removeItem(HANDOFF_KEY);
        window.location.reload();
      } else liff.login({ redirectUri: window.location.href });
    },
  };
}

export class LiffApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "LiffApiError";
  }
}

/** Calls /api/liff/<path> with the ID token; errors carry the server's Japanese message. */
export async function liffFetch<T>(idToken: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/liff/${path.replace(/^\/+/, "")}`, {
      method: init.method ?? "GET",
      headers: { authorization: `Bearer ${idToken}`, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
  } catch {
    throw new LiffApiError(0, "通信できませんでした。電波の良いところで、もう一度お試しください。");
  }
  const json = (await response.json().catch(() => ({}))) as { message?: string; issues?: { path: string; message: string }[] };
  if (!response.ok) throw new LiffApiError(response.status, json.message ?? "問題が発生しました。しばらく待ってから、もう一度お試しください。", json.issues ?? []);
  return json as T;
}
