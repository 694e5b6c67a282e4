// Signing in over HTTP (next-auth's CSRF + credentials endpoints), for tests that call pages and
// server actions directly rather than through the UI.
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import type { Account } from "./fixtures.ts";

export async function signedInRequest(baseURL: string, account?: Account): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
  if (!account) return context;
  const csrf = await (await context.get("/api/auth/csrf")).json();
  const response = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email: account.email, password: account.password, json: "true" },
  });
  const cookies = (await context.storageState()).cookies.map((c) => c.name);
  if (!cookies.includes("next-auth.session-token")) {
    throw new Error(`sign-in as ${account.email} failed (status ${response.status()})`);
  }
  return context;
}

/** Calls a server action the way a hand-made POST would, bypassing every form and button. */
export function postServerAction(context: APIRequestContext, baseURL: string, pagePath: string, actionId: string) {
  return context.post(pagePath, {
    headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", origin: baseURL, accept: "text/x-component" },
    data: "[]",
  });
}
