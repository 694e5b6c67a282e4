// The keep-alive transport under @line/bot-sdk (lib/line/transport.ts) against the emulator: the SDK
// answers exactly as over Node's fetch — statuses, headers, bodies, HTTPFetchError for 4xx/5xx, fetch's
// TypeError for a connection that fails — and what the transport does not carry goes to the fallback.
import http from "node:http";
import https from "node:https";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { HTTPFetchError, messagingApi } from "@line/bot-sdk";
import { startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { classifyLineError } from "./errors";
import { createLineTransport, stopLineTransport, useLineTransport, withLineTransport } from "./transport";

let emu: TestEmulator;
let client: messagingApi.MessagingApiClient;
const ALICE = syntheticLineUserId(1);
const BOB = syntheticLineUserId(2);

beforeAll(async () => {
  emu = await startTestEmulator();
  client = new messagingApi.MessagingApiClient({ channelAccessToken: emu.token, baseURL: emu.url });
  useLineTransport({ origins: [emu.url] });
});
afterAll(async () => {
  stopLineTransport();
  await emu.close();
});
afterEach(() => vi.restoreAllMocks());

describe("[LINE] keep-alive transport under @line/bot-sdk", () => {
  it("only calls made inside withLineTransport take it; the rest keep the original fetch", async () => {
    const original = vi.fn(async () => new Response("{}", { status: 200, headers: { "x-line-request-id": "from-fetch" } }));
    stopLineTransport();
    const real = globalThis.fetch;
    globalThis.fetch = original as unknown as typeof fetch;
    try {
      useLineTransport({ origins: [emu.url] });
      const outside = await client.pushMessageWithHttpInfo({ to: ALICE, messages: [{ type: "text", text: "外" }] });
      expect(outside.httpResponse.headers.get("x-line-request-id")).toBe("from-fetch");
      expect(original).toHaveBeenCalledTimes(1);
      const inside = await withLineTransport(() => client.pushMessageWithHttpInfo({ to: ALICE, messages: [{ type: "text", text: "中" }] }));
      expect(inside.httpResponse.headers.get("x-line-request-id")).not.toBe("from-fetch");
      expect(original).toHaveBeenCalledTimes(1);
    } finally {
      stopLineTransport();
      globalThis.fetch = real;
      useLineTransport({ origins: [emu.url] });
    }
  });

  it("multicasts with a retry key; the repeat is HTTPFetchError 409 with the accepted request id", async () => {
    const key = randomUUID();
    const first = await withLineTransport(() => client.multicastWithHttpInfo({ to: [ALICE, BOB], messages: [{ type: "text", text: "一斉送信のテスト" }] }, key));
    expect(first.httpResponse.status).toBe(200);
    expect(first.body).toEqual({});
    const requestId = first.httpResponse.headers.get("x-line-request-id");
    expect(requestId).toMatch(/\S/);
    const repeat = await withLineTransport(() => client.multicast({ to: [ALICE, BOB], messages: [{ type: "text", text: "一斉送信のテスト" }] }, key)).catch((e: unknown) => e);
    expect(repeat).toBeInstanceOf(HTTPFetchError);
    expect(classifyLineError(repeat)).toEqual({ kind: "already-accepted", acceptedRequestId: requestId });
    const received = await emu.admin("GET", `/messages?endpoint=multicast&limit=100`);
    expect((received.json.messages as { retryKey: string }[]).filter((m) => m.retryKey === key)).toHaveLength(2);
  });

  it("LINE's 400 arrives with its details, as over fetch", async () => {
    const error = await withLineTransport(() => client.pushMessage({ to: ALICE, messages: [{ type: "text", text: "" }] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPFetchError);
    const outcome = classifyLineError(error);
    expect(outcome).toMatchObject({ kind: "rejected", status: 400 });
    expect(JSON.stringify(outcome)).toContain("messages[0].text");
  });

  it("GETs with JSON answers and 404s work (profile)", async () => {
    const profile = await withLineTransport(() => client.getProfile(ALICE));
    expect(profile.userId).toBe(ALICE);
    const missing = await withLineTransport(() => client.getProfile("U00000000000000000000000000000000")).catch((e: unknown) => e);
    expect((missing as HTTPFetchError).status).toBe(404);
  });

  it("a connection that cannot be made fails as fetch does: retried with the same key", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const transport = createLineTransport({ origins: [`http://127.0.0.1:${port}`] });
    const error = await transport(`http://127.0.0.1:${port}/v2/bot/message/multicast`, { method: "POST", body: "{}" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe("fetch failed");
    expect(classifyLineError(error)).toEqual({ kind: "retry", reason: "network", status: null });
  });

  it("a server that never answers: the request is abandoned after the timeout as fetch fails, and its connection closed", async () => {
    const sockets: import("node:net").Socket[] = [];
    const silent = http.createServer(() => undefined);
    silent.on("connection", (socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const transport = createLineTransport({ origins: [origin], requestTimeoutMs: 200 });
      const started = Date.now();
      const error = await transport(`${origin}/v2/bot/message/multicast`, { method: "POST", body: "{}" }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toBeInstanceOf(TypeError);
      expect(((error as TypeError).cause as NodeJS.ErrnoException).code).toBe("ETIMEDOUT");
      expect(classifyLineError(error)).toEqual({ kind: "retry", reason: "network", status: null });
      expect(sockets).toHaveLength(1);
      await vi.waitFor(() => expect(sockets[0]!.destroyed || sockets[0]!.readableEnded).toBe(true));
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("leaves other origins, Request objects and form bodies to the original fetch", async () => {
    const fallback = vi.fn(async () => new Response("fallback"));
    const transport = createLineTransport({ origins: [emu.url], fallback: fallback as unknown as typeof fetch });
    await transport("https://example.invalid/x");
    await transport(new Request(`${emu.url}/v2/bot/info`));
    await transport(`${emu.url}/v2/bot/richmenu/x/content`, { method: "POST", body: new Blob(["png"]) });
    expect(fallback).toHaveBeenCalledTimes(3);
    const info = await transport(`${emu.url}/v2/bot/info`, { headers: { authorization: `Bearer ${emu.token}` } });
    expect(fallback).toHaveBeenCalledTimes(3);
    expect(((await info.json()) as { basicId: string }).basicId).toMatch(/^@/);
  });

  it("speaks HTTPS as to api.line.me, with the certificate checked", async () => {
    const server = https.createServer({ key: TEST_KEY, cert: TEST_CERT }, (req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => res.writeHead(200, { "content-type": "application/json", "x-line-request-id": "tls" }).end(JSON.stringify({ echoed: JSON.parse(body), auth: req.headers.authorization })));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const transport = createLineTransport({ origins: [origin], tls: { ca: TEST_CERT } });
      const answer = await transport(`${origin}/v2/bot/message/push`, { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/json" }, body: JSON.stringify({ to: ALICE }) });
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ echoed: { to: ALICE }, auth: "Bearer t" });
      // Without trusting that certificate the connection is refused, as fetch would refuse it.
      const untrusting = createLineTransport({ origins: [origin] });
      const error = await untrusting(`${origin}/v2/bot/info`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("keeps connections alive across requests", async () => {
    let connections = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(200, { "content-type": "application/json", "x-line-request-id": "r" }).end("{}"));
    });
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const transport = createLineTransport({ origins: [origin] });
      for (let i = 0; i < 10; i++) {
        const answer = await transport(`${origin}/v2/bot/message/push`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
        expect(answer.status).toBe(200);
        expect(answer.headers.get("x-line-request-id")).toBe("r");
      }
      expect(connections).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

// A self-signed certificate for 127.0.0.1 (P-256, valid until 2126), made for this test only.
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBjzCCATagAwIBAgIUIUhOQArua9NUKbYBJGJQDelcncEwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNzE4NTYwOVoYDzIxMjYxMTAz
MTg1NjA5WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQ+gSyZv60V9AichJ220m0HYHYi3qfuB8tu2RNNuKqhzBSGlmkswH4B
wdXQwOXXMG95FzEoQqnXMAqyqxl+1JMJo2QwYjAdBgNVHQ4EFgQUaoOmAwnBjC0Q
wH/JeVDlaApGqNIwHwYDVR0jBBgwFoAUaoOmAwnBjC0QwH/JeVDlaApGqNIwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0cAMEQC
ICVw4Y7GF5P9OXIRuCXhDG0VB5gAQ9/bieRadIRSL3WyAiAPaEGT41pVgCMq9UOf
qIXaZQybF6f6xsH/LFK0RvBWXQ==
-----END CERTIFICATE-----`;
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg/GYsbpo8iRVjmYW3
46NtQq32/X39YU4nrJ4tFKx+lcGhRANCAAQ+gSyZv60V9AichJ220m0HYHYi3qfu
B8tu2RNNuKqhzBSGlmkswH4BwdXQwOXXMG95FzEoQqnXMAqyqxl+1JMJ
-----END PRIVATE KEY-----`;
