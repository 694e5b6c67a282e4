// lib/line against the LINE emulator: clients built from the environment, ID token verification
// against the JWKS, and what failed calls mean for a caller.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { SignJWT, generateKeyPair } from "jose";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { DEMO_CHANNEL } from "@/emulator/demo-channel";
import { startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { getLineBotClient, getMessagingApiBlobClient, getMessagingApiClient, resetLineClients } from "./clients";
import { classifyLineError } from "./errors";
import { verifyIdToken } from "./id-token";

const ALICE = syntheticLineUserId(1);
let emu: TestEmulator;

function useEnv(values: Record<string, string>): void {
  Object.assign(process.env, values);
  resetEnvCache();
  resetLineClients();
}

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  useEnv(emu.env);
  emu.emulator.faults.clear();
});

describe("[LINE] clients", () => {
  it("talk to the base URLs from the environment", async () => {
    const sent = await getMessagingApiClient().pushMessage({ to: ALICE, messages: [{ type: "text", text: "lib/line から" }] }, randomUUID());
    expect(sent.sentMessages).toHaveLength(1);
    expect((await getLineBotClient().getProfile(ALICE)).userId).toBe(ALICE);
  });

  it("send content downloads to the data host, everything else to the API host", async () => {
    const image = await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "image" });
    useEnv({ LINE_API_BASE_URL: "http://127.0.0.1:9", LINE_API_DATA_BASE_URL: emu.url });
    const stream = await getMessagingApiBlobClient().getMessageContent(image.json.messageId);
    for await (const _ of stream) break;
    await expect(getMessagingApiClient().getBotInfo()).rejects.toThrow();
  });
});

describe("[LINE] verifyIdToken", () => {
  const mint = async (body: Record<string, unknown> = {}) => (await emu.admin("POST", "/liff/token", { userId: ALICE, ...body })).json.idToken as string;

  it("returns the verified user id and profile claims", async () => {
    const claims = await verifyIdToken(await mint({ nonce: "n1" }), { nonce: "n1" });
    expect(claims).toMatchObject({ userId: ALICE, nonce: "n1", amr: ["linesso"] });
    expect(claims.name).toBeTypeOf("string");
    expect(claims.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it.each([
    ["expired", () => mint({ expired: true })],
    ["for another channel", () => mint({ channelId: "1111111111" })],
  ])("rejects a token %s", async (_name, token) => {
    await expect(verifyIdToken(await token())).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("rejects a nonce mismatch, a tampered payload, a foreign key and HS256", async () => {
    await expect(verifyIdToken(await mint({ nonce: "a" }), { nonce: "b" })).rejects.toBeInstanceOf(AppError);
    const [h, p, s] = (await mint()).split(".");
    const payload = JSON.parse(Buffer.from(p!, "base64url").toString());
    payload.sub = syntheticLineUserId(2);
    await expect(verifyIdToken(`${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`)).rejects.toBeInstanceOf(AppError);
    const kid = (JSON.parse(Buffer.from(h!, "base64url").toString()) as { kid: string }).kid;
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT({ sub: ALICE, aud: DEMO_CHANNEL.loginChannelId, iss: "https://access.line.me" })
      .setProtectedHeader({ alg: "ES256", kid })
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
    await expect(verifyIdToken(forged)).rejects.toBeInstanceOf(AppError);
    const hs = await new SignJWT({ sub: ALICE, aud: DEMO_CHANNEL.loginChannelId, iss: "https://access.line.me" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(DEMO_CHANNEL.channelSecret));
    await expect(verifyIdToken(hs)).rejects.toBeInstanceOf(AppError);
  });

  it("caches the JWKS (verification keeps working while the certs endpoint fails)", async () => {
    await verifyIdToken(await mint());
    await emu.admin("PUT", "/faults/getJwks", { errorRate: 1 });
    await expect(verifyIdToken(await mint())).resolves.toMatchObject({ userId: ALICE });
  });
});

describe("[LINE] classifyLineError", () => {
  const multicast = (key: string) => getMessagingApiClient().multicast({ to: [ALICE], messages: [{ type: "text", text: "x" }] }, key);
  const outcome = (promise: Promise<unknown>) => promise.then(() => ({ kind: "accepted" as const }), classifyLineError);

  it("409 → already accepted, with the original request id", async () => {
    const key = randomUUID();
    await multicast(key);
    expect(await outcome(multicast(key))).toMatchObject({ kind: "already-accepted", acceptedRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it("500 and dropped connections → retry", async () => {
    await emu.admin("PUT", "/faults/multicast", { errorNext: 1 });
    expect(await outcome(multicast(randomUUID()))).toEqual({ kind: "retry", reason: "server-error", status: 500 });
    await emu.admin("PUT", "/faults/multicast", { dropAfterAcceptNext: 1 });
    expect(await outcome(multicast(randomUUID()))).toEqual({ kind: "retry", reason: "network", status: null });
  });

  it("429 → rate limited (monthly limit told apart); other 4xx → rejected with details", async () => {
    emu.emulator.config.quota = { type: "limited", value: 0 };
    try {
      expect(await outcome(multicast(randomUUID()))).toEqual({ kind: "rate-limited", monthlyLimit: true });
    } finally {
      emu.emulator.config.quota = { type: "none" };
    }
    const rejected = await outcome(getMessagingApiClient().pushMessage({ to: ALICE, messages: [{ type: "text", text: "" }] }));
    expect(rejected).toEqual({ kind: "rejected", status: 400, message: "The request body has 1 error(s)", details: [{ message: "May not be empty", property: "messages[0].text" }] });
  });
});
