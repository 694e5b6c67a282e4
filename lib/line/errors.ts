// What a failed Messaging API call means for the caller (retrying-api-request docs, FACTS.md §2):
//   409 with a retry key → it was already accepted: treat as success, do not send again;
//   500 or a timeout/network failure → retry later with the same X-Line-Retry-Key;
//   429 → back off (rate limit) or stop (monthly limit);
//   any other 4xx → do not retry, the request itself is wrong.
import { HTTPFetchError } from "@line/bot-sdk";

export type LineCallOutcome =
  | { kind: "already-accepted"; acceptedRequestId: string | null }
  | { kind: "retry"; reason: "server-error" | "network" | "timeout"; status: number | null }
  | { kind: "rate-limited"; monthlyLimit: boolean }
  | { kind: "rejected"; status: number; message: string; details: { message?: string; property?: string }[] };

/** LINE's body for a rejected request beyond the monthly quota (status codes table). */
export const LINE_MONTHLY_LIMIT_MESSAGE = "You have reached your monthly limit.";

export function classifyLineError(error: unknown): LineCallOutcome {
  if (error instanceof HTTPFetchError) {
    let body: { message?: string; details?: { message?: string; property?: string }[] } = {};
    try {
      body = JSON.parse(error.body) as typeof body;
    } catch {
      body = { message: error.body };
    }
    if (error.status === 409) return { kind: "already-accepted", acceptedRequestId: error.headers.get("x-line-accepted-request-id") };
    if (error.status === 429) return { kind: "rate-limited", monthlyLimit: body.message === LINE_MONTHLY_LIMIT_MESSAGE };
    if (error.status >= 500) return { kind: "retry", reason: "server-error", status: error.status };
    return { kind: "rejected", status: error.status, message: body.message ?? error.statusText, details: body.details ?? [] };
  }
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return { kind: "retry", reason: "timeout", status: null };
  // fetch() failures (connection refused or reset, DNS): the request may or may not have arrived.
  return { kind: "retry", reason: "network", status: null };
}
