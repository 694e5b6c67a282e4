// LINE Login / LIFF: ES256 ID tokens with a kid, the JWKS, POST and GET /oauth2/v2.1/verify with
// LINE's error bodies, /v2/profile, and the LIFF handoff to the app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { syntheticDisplayName, syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { readEmulatorLiffHandoff, resolveLiffUrl } from "@/lib/line/liff-handoff";
import { DEMO_CHANNEL } from "./demo-channel";
import { request, startTestEmulator, type TestEmulator } from "./testing";

const ALICE = syntheticLineUserId(1);
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ appUrl: "http://localhost:3999" });
});
afterAll(() => emu.close());

async function mint(body: Record<string, unknown> = {}) {
  const response = await emu.admin("POST", "/liff/token", { userId: ALICE, ...body });
  expect(response.status).toBe(200);
  return response.json as { idToken: string; accessToken: string; claims: Record<string, unknown> };
}

function verifyForm(fields: Record<string, string>) {
  return request(`${emu.url}/oauth2/v2.1/verify`, "POST", new URLSearchParams(fields).toString(), { "content-type": "application/x-www-form-urlencoded" });
}

describe("[LOGIN] ID tokens", () => {
  it("mints ES256 tokens with a kid that verify against the JWKS", async () => {
    const { idToken } = await mint({ nonce: "n-123" });
    const header = decodeProtectedHeader(idToken);
    expect(header).toMatchObject({ alg: "ES256", typ: "JWT" });
    const jwks = (await request(`${emu.url}/oauth2/v2.1/certs`, "GET")).json;
    expect(jwks.keys[0]).toMatchObject({ kty: "EC", crv: "P-256", kid: header.kid, alg: "ES256", use: "sig" });
    expect(jwks.keys[0].d).toBeUndefined();
    const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), { issuer: "https://access.line.me", audience: DEMO_CHANNEL.loginChannelId });
    expect(payload).toMatchObject({ sub: ALICE, aud: DEMO_CHANNEL.loginChannelId, nonce: "n-123", name: syntheticDisplayName(1), amr: ["linesso"] });
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it("POST /oauth2/v2.1/verify returns the claims", async () => {
    const { idToken } = await mint({ nonce: "abc" });
    const response = await verifyForm({ id_token: idToken, client_id: DEMO_CHANNEL.loginChannelId, nonce: "abc", user_id: ALICE });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ iss: "https://access.line.me", sub: ALICE, aud: DEMO_CHANNEL.loginChannelId, nonce: "abc" });
    expect(response.headers.get("x-line-request-id")).toBeTruthy();
  });

  it.each([
    ["expired", async () => ({ id_token: (await mint({ expired: true })).idToken, client_id: DEMO_CHANNEL.loginChannelId }), "IdToken expired."],
    ["another channel", async () => ({ id_token: (await mint()).idToken, client_id: "1234567890" }), "Invalid IdToken Audience."],
    ["nonce", async () => ({ id_token: (await mint({ nonce: "a" })).idToken, client_id: DEMO_CHANNEL.loginChannelId, nonce: "b" }), "Invalid IdToken Nonce."],
    ["subject", async () => ({ id_token: (await mint()).idToken, client_id: DEMO_CHANNEL.loginChannelId, user_id: syntheticLineUserId(2) }), "Invalid IdToken Subject Identifier."],
    [
      "tampered",
      async () => {
        const [h, p, s] = (await mint()).idToken.split(".");
        const payload = JSON.parse(Buffer.from(p!, "base64url").toString());
        payload.sub = syntheticLineUserId(2);
        return { id_token: `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`, client_id: DEMO_CHANNEL.loginChannelId };
      },
      "Invalid IdToken.",
    ],
    ["garbage", async () => ({ id_token: "id_token", client_id: DEMO_CHANNEL.loginChannelId }), "Invalid IdToken."],
  ])("rejects a token (%s) with LINE's error body", async (_name, fields, description) => {
    const response = await verifyForm(await fields());
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ error: "invalid_request", error_description: description });
  });
});

describe("[LOGIN] access tokens and profile", () => {
  it("GET /oauth2/v2.1/verify reports scope, client_id and expires_in", async () => {
    const { accessToken } = await mint();
    const response = await request(`${emu.url}/oauth2/v2.1/verify?access_token=${accessToken}`, "GET");
    expect(response.json).toMatchObject({ scope: "openid profile chat_message.write", client_id: DEMO_CHANNEL.loginChannelId });
    expect(response.json.expires_in).toBeGreaterThan(2_500_000);
    expect((await request(`${emu.url}/oauth2/v2.1/verify?access_token=nope`, "GET")).status).toBe(400);
  });

  it("an expired access token is reported as expired and no longer reads the profile", async () => {
    const { accessToken } = await mint();
    const profile = await request(`${emu.url}/v2/profile`, "GET", undefined, { authorization: `Bearer ${accessToken}` });
    expect(profile.json).toEqual({ userId: ALICE, displayName: syntheticDisplayName(1) });
    const friendship = await request(`${emu.url}/friendship/v1/status`, "GET", undefined, { authorization: `Bearer ${accessToken}` });
    expect(friendship.json).toEqual({ friendFlag: true });
    emu.emulator.clock.advance(31 * 24 * 3600_000);
    try {
      expect((await request(`${emu.url}/oauth2/v2.1/verify?access_token=${accessToken}`, "GET")).json).toEqual({ error: "invalid_request", error_description: "access token expired" });
      expect((await request(`${emu.url}/v2/profile`, "GET", undefined, { authorization: `Bearer ${accessToken}` })).status).toBe(401);
    } finally {
      emu.emulator.clock.reset();
    }
  });

  it("a channel access token is not a user token", async () => {
    expect((await request(`${emu.url}/v2/profile`, "GET", undefined, { authorization: `Bearer ${emu.token}` })).status).toBe(401);
  });
});

describe("[LIFF] handoff to the app", () => {
  it("maps LIFF URLs to the app's LIFF pages", () => {
    const endpoints = { [DEMO_CHANNEL.liffIds[0]]: "http://localhost:3999/liff" };
    expect(resolveLiffUrl(`https://liff.line.me/${DEMO_CHANNEL.liffIds[0]}/garbage?area=3`, endpoints)).toBe("http://localhost:3999/liff/garbage?area=3");
    expect(resolveLiffUrl(`https://liff.line.me/${DEMO_CHANNEL.liffIds[0]}`, endpoints)).toBe("http://localhost:3999/liff");
    expect(resolveLiffUrl(`line://app/${DEMO_CHANNEL.liffIds[0]}/register`, endpoints)).toBe("http://localhost:3999/liff/register");
    expect(resolveLiffUrl("https://liff.line.me/1234567890-other/x", endpoints)).toBeUndefined();
    expect(resolveLiffUrl("https://example.com/", endpoints)).toBeUndefined();
  });

  it("GET /__emulator/liff/open redirects to the app with a verifiable token for the resident", async () => {
    const url = `https://liff.line.me/${DEMO_CHANNEL.liffIds[0]}/nursery/apply?child=2`;
    const response = await fetch(`${emu.url}/__emulator/liff/open?userId=${ALICE}&url=${encodeURIComponent(url)}`, { redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}${location.search}`).toBe("http://localhost:3999/liff/nursery/apply?child=2");
    const handoff = readEmulatorLiffHandoff(location.hash);
    expect(handoff?.claims.sub).toBe(ALICE);
    const verified = await verifyForm({ id_token: handoff!.idToken, client_id: DEMO_CHANNEL.loginChannelId });
    expect(verified.json.sub).toBe(ALICE);
    expect((await request(`${emu.url}/v2/profile`, "GET", undefined, { authorization: `Bearer ${handoff!.accessToken}` })).json.userId).toBe(ALICE);
  });

  it("refuses to mint tokens for someone the emulator does not know", async () => {
    expect((await emu.admin("POST", "/liff/token", { userId: `U${"f".repeat(32)}` })).status).toBe(404);
  });
});
