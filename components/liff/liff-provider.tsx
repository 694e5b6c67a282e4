"use client";
// The LIFF shell's state for every LIFF page: starts LIFF once (lib/liff/client.ts) and gives pages
// the session — or tells the resident what to do when the page cannot work (open it in LINE, wait
// for the login redirect, try again).
import { createContext, useCallback, useContext, useEffect, useState } from "react";
import { liffFetch, startLiff, LiffApiError, type LiffConfig, type LiffSession } from "@/lib/liff/client";

type Ready = Extract<LiffSession, { state: "ready" }>;
type Api = <T>(path: string, init?: { method?: string; body?: unknown }) => Promise<T>;

const LiffContext = createContext<{ session: Ready; api: Api } | null>(null);

export function useLiff(): { session: Ready; api: Api } {
  const value = useContext(LiffContext);
  if (!value) throw new Error("useLiff() outside <LiffProvider>");
  return value;
}

export function LiffProvider({ config, children }: { config: LiffConfig; children: React.ReactNode }) {
  const [session, setSession] = useState<LiffSession | null>(null);
  useEffect(() => {
    let live = true;
    startLiff(config).then((s) => live && setSession(s), (error: Error) => live && setSession({ state: "error", message: error.message }));
    return () => {
      live = false;
    };
  }, [config]);

  const ready = session?.state === "ready" ? session : null;
  const api = useCallback<Api>(
    async <T,>(path: string, init?: { method?: string; body?: unknown }) => {
      if (!ready) throw new LiffApiError(0, "準備ができていません。");
      try {
        return await liffFetch<T>(ready.idToken, path, init);
      } catch (error) {
        // An expired ID token: get a fresh one (LINE Login, or the emulator's handoff again).
        if (error instanceof LiffApiError && error.status === 401) ready.relogin();
        throw error;
      }
    },
    [ready],
  );

  if (!session) {
    return (
      <p role="status" className="py-12 text-center text-std-16N-170 text-solid-gray-600">
        読み込んでいます…
      </p>
    );
  }
  if (session.state === "redirecting") {
    return (
      <p role="status" className="py-12 text-center text-std-16N-170">
        LINE のログイン画面に移動しています…
      </p>
    );
  }
  if (session.state === "open-in-line") {
    return (
      <div role="alert" className="my-8 rounded-12 border-2 border-warning-yellow-2 bg-yellow-50 p-5">
        <p className="text-std-17B-170">このページは LINE アプリから開いてください。</p>
        <p className="mt-2 text-std-16N-170">トーク画面のメニューや、お知らせのボタンから開けます。</p>
        {session.emulatorUrl ? (
          <p className="mt-2 text-std-16N-170">
            開発環境では、<a href={session.emulatorUrl}>LINE エミュレーターのスマートフォン画面</a>から開いてください。
          </p>
        ) : null}
      </div>
    );
  }
  if (session.state === "error") {
    return (
      <div role="alert" className="my-8 rounded-12 border-2 border-error-2 bg-red-50 p-5">
        <p className="text-std-17B-170">{session.message}</p>
      </div>
    );
  }
  return <LiffContext.Provider value={{ session, api }}>{children}</LiffContext.Provider>;
}
