// Where broadcast messages point: the app's public URL (images) and the LIFF app (buttons).
import { env } from "@/lib/env";
import type { MessageContext } from "@/lib/broadcasts/line-messages";

export function lineMessageContext(): MessageContext {
  const e = env();
  // Without a LIFF app, a button to a LIFF page cannot work; such drafts fail to build (and say so).
  return { appUrl: e.APP_URL, liffId: e.LIFF_ID ?? "LIFF_ID-is-not-set" };
}
