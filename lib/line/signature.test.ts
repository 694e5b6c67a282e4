import { describe, expect, it } from "vitest";
import { createHmac } from "node:crypto";
import { validateSignature } from "@line/bot-sdk";
import { signLineWebhookBody, verifyLineSignature } from "./signature";

const SECRET = "c0ffee0de3000000000000000ca1e4da";
// Pretty-printed, with emoji and Japanese: the signature covers these exact bytes.
const BODY = '{\n  "destination": "U8a1c6e0d3f4b45a7bb2c9d0e1f2a3b4c",\n  "events": [{"type":"message","message":{"type":"text","text":"こんにちは 😀"}}]\n}';

describe("[LINE] verifyLineSignature", () => {
  const signature = createHmac("sha256", SECRET).update(BODY).digest("base64");

  it("accepts LINE's signature of the raw body (string or bytes), as the official SDK does", () => {
    expect(verifyLineSignature(BODY, signature, SECRET)).toBe(true);
    expect(verifyLineSignature(Buffer.from(BODY, "utf8"), signature, SECRET)).toBe(true);
    expect(validateSignature(BODY, SECRET, signature)).toBe(true);
    expect(signLineWebhookBody(BODY, SECRET)).toBe(signature);
  });

  it("rejects a re-serialized body, another secret, a truncated or missing signature", () => {
    expect(verifyLineSignature(JSON.stringify(JSON.parse(BODY)), signature, SECRET)).toBe(false);
    expect(verifyLineSignature(BODY, signature, "0".repeat(32))).toBe(false);
    expect(verifyLineSignature(BODY, signature.slice(0, 20), SECRET)).toBe(false);
    expect(verifyLineSignature(BODY, "", SECRET)).toBe(false);
    expect(verifyLineSignature(BODY, null, SECRET)).toBe(false);
    expect(verifyLineSignature(BODY, undefined, SECRET)).toBe(false);
    const flipped = Buffer.from(signature, "base64");
    flipped[0] = flipped[0]! ^ 1;
    expect(verifyLineSignature(BODY, flipped.toString("base64"), SECRET)).toBe(false);
  });

  it("reads the channel secret from the environment by default", async () => {
    const { resetEnvCache } = await import("@/lib/env");
    process.env.LINE_CHANNEL_SECRET = SECRET;
    resetEnvCache();
    expect(verifyLineSignature(BODY, signature)).toBe(true);
  });
});
