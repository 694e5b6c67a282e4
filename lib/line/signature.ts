// Webhook signature check: `x-line-signature` = base64(HMAC-SHA256(channel secret, raw body))
// (FACTS.md §1; verify-webhook-signature docs). Always over the raw bytes as received — re-serialized
// JSON differs (key order, spacing, escaped emoji) and would fail. Constant-time comparison, as the
// official SDK does (validate-signature.js: length check, then timingSafeEqual).
import { createHmac, timingSafeEqual } from "node:crypto";
import { requireEnv } from "@/lib/env";

export function verifyLineSignature(
  rawBody: string | Uint8Array,
  signature: string | null | undefined,
  channelSecret: string = requireEnv("LINE_CHANNEL_SECRET"),
): boolean {
  if (!signature) return false;
  const expected = createHmac("sha256", channelSecret).update(rawBody).digest();
  const given = Buffer.from(signature, "base64");
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}

/** The signature LINE would send for `rawBody` (tests and tools that post webhooks). */
export function signLineWebhookBody(rawBody: string | Uint8Array, channelSecret: string = requireEnv("LINE_CHANNEL_SECRET")): string {
  return createHmac("sha256", channelSecret).update(rawBody).digest("base64");
}
