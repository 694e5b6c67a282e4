// The request pipeline: auth, request ids, body errors — and fault injection, which is how tests
// prove that retries are safe.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { request, startTestEmulator, type TestEmulator } from "./testing";

const ALICE = syntheticLineUserId(1);
const messages = [{ type: "text", text: "緊急のお知らせ" }];
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.emulator.reset());

async function recorded(): Promise<number> {
  return (await emu.admin("GET", "/messages/stats")).json.requests as number;
}

describe("[PIPELINE] auth and request ids", () => {
  it("answers 401 with LINE's bodies and x-line-request-id", async () => {
    const none = await request(`${emu.url}/v2/bot/info`, "GET");
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ message: "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'" });
    const wrong = await request(`${emu.url}/v2/bot/info`, "GET", undefined, { authorization: "Bearer nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.message).toMatch(/^Authentication failed due to the following reason: invalid token/);
    expect(wrong.headers.get("x-line-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("gives every response its own request id", async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, async () => (await emu.api("GET", "/v2/bot/info")).headers.get("x-line-request-id")));
    expect(new Set(ids).size).toBe(10);
  });

  it("answers unknown paths with 404 and wrong methods with 405", async () => {
    expect((await emu.api("GET", "/v2/bot/nothing")).status).toBe(404);
    expect((await emu.api("DELETE", "/v2/bot/message/push")).status).toBe(405);
  });
});

describe("[PIPELINE] bodies", () => {
  it("reports unparsable JSON with LINE's message", async () => {
    const response = await emu.api("POST", "/v2/bot/message/push", '{"to": "x",\n "messages": [}', { "content-type": "application/json" });
    expect(response.status).toBe(400);
    expect(response.json.message).toMatch(/^The request body could not be parsed as JSON \(line: 2, column: \d+\)$/);
  });

  it("refuses other content types and bodies over 2 MB", async () => {
    expect((await emu.api("POST", "/v2/bot/message/push", "to=x", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    const big = { to: ALICE, messages: [{ type: "text", text: "x".repeat(2 * 1024 * 1024) }] };
    expect((await emu.api("POST", "/v2/bot/message/push", big)).status).toBe(413);
  });
});

describe("[FAULTS] injected per endpoint", () => {
  it("error: 500 before processing — nothing is sent, the retry with the same key succeeds", async () => {
    await emu.admin("PUT", "/faults/multicast", { errorNext: 2 });
    const key = randomUUID();
    const send = () => emu.api("POST", "/v2/bot/message/multicast", { to: [ALICE], messages }, { "x-line-retry-key": key });
    expect((await send()).status).toBe(500);
    expect((await send()).status).toBe(500);
    expect(await recorded()).toBe(0);
    expect((await send()).status).toBe(200);
    expect(await recorded()).toBe(1);
    // Other endpoints are unaffected.
    await emu.admin("PUT", "/faults/multicast", { errorRate: 1 });
    expect((await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages })).status).toBe(200);
  });

  it("accept, then drop the connection: the request was executed; the retry gets 409 and sends nothing", async () => {
    await emu.admin("PUT", "/faults/multicast", { dropAfterAcceptNext: 1 });
    const key = randomUUID();
    const body = JSON.stringify({ to: [ALICE], messages });
    const headers = { authorization: `Bearer ${emu.token}`, "content-type": "application/json", "x-line-retry-key": key };
    await expect(fetch(`${emu.url}/v2/bot/message/multicast`, { method: "POST", headers, body })).rejects.toThrow();
    expect(await recorded()).toBe(1);
    const retry = await fetch(`${emu.url}/v2/bot/message/multicast`, { method: "POST", headers, body });
    expect(retry.status).toBe(409);
    expect(await recorded()).toBe(1);
    expect((await emu.admin("GET", "/messages/summary")).json).toMatchObject({ deliveries: 1, duplicateCount: 0 });
  });

  it("latency: the answer is delayed, the request is already accepted", async () => {
    await emu.admin("PUT", "/faults/pushMessage", { latencyMs: 300 });
    const controller = AbortSignal.timeout(100);
    await expect(fetch(`${emu.url}/v2/bot/message/push`, { method: "POST", signal: controller, headers: { authorization: `Bearer ${emu.token}`, "content-type": "application/json" }, body: JSON.stringify({ to: ALICE, messages }) })).rejects.toThrow();
    expect(await recorded()).toBe(1);
    const started = Date.now();
    expect((await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("outage: every request fails for N seconds, then service resumes", async () => {
    await emu.admin("PUT", "/faults/*", { outageSeconds: 30 });
    expect((await emu.api("GET", "/v2/bot/info")).status).toBe(500);
    expect((await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages })).status).toBe(500);
    expect(await recorded()).toBe(0);
    emu.emulator.clock.advance(30_000);
    expect((await emu.api("GET", "/v2/bot/info")).status).toBe(200);
  });

  it("outage in drop mode resets connections; hang mode never answers", async () => {
    await emu.admin("PUT", "/faults/getBotInfo", { outageSeconds: 10, outageMode: "drop" });
    await expect(fetch(`${emu.url}/v2/bot/info`, { headers: { authorization: `Bearer ${emu.token}` } })).rejects.toThrow();
    await emu.admin("PUT", "/faults/getBotInfo", { outageSeconds: 10, outageMode: "hang" });
    await expect(fetch(`${emu.url}/v2/bot/info`, { headers: { authorization: `Bearer ${emu.token}` }, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    await emu.admin("DELETE", "/faults");
    expect((await emu.api("GET", "/v2/bot/info")).status).toBe(200);
  });

  it("lists and clears faults", async () => {
    await emu.admin("PUT", "/faults/broadcast", { errorRate: 0.5, latencyMs: 10 });
    expect((await emu.admin("GET", "/faults")).json).toEqual({ broadcast: { errorRate: 0.5, latencyMs: 10 } });
    await emu.admin("DELETE", "/faults/broadcast");
    expect((await emu.admin("GET", "/faults")).json).toEqual({});
  });
});
