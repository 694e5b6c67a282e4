// X-Line-Retry-Key (retrying-api-request): UUID only; push, multicast, narrowcast and broadcast only;
// a repeat of an accepted request within 24 hours gets 409 with x-line-accepted-request-id and
// delivers nothing; a rejected request does not use up its key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { startTestEmulator, type TestEmulator } from "./testing";

const ALICE = syntheticLineUserId(1);
const BOB = syntheticLineUserId(2);
const messages = [{ type: "text", text: "避難所を開設しました" }];

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ config: { narrowcast: { waitingMs: 10, sendingMs: 10 } } });
});
afterAll(() => emu.close());
beforeEach(() => emu.emulator.reset());

async function recordedCount(): Promise<number> {
  return (await emu.admin("GET", "/messages/stats")).json.requests as number;
}

describe("[RETRY KEY] acceptance", () => {
  it.each([
    ["push", "/v2/bot/message/push", { to: ALICE, messages }],
    ["multicast", "/v2/bot/message/multicast", { to: [ALICE, BOB], messages }],
    ["broadcast", "/v2/bot/message/broadcast", { messages }],
    ["narrowcast", "/v2/bot/message/narrowcast", { messages }],
  ])("%s: a repeat gets 409 with the accepted request id and is not executed again", async (_name, path, body) => {
    const key = randomUUID();
    const first = await emu.api("POST", path, body, { "x-line-retry-key": key });
    expect(first.status).toBeLessThan(300);
    const acceptedId = first.headers.get("x-line-request-id");
    // A narrowcast is delivered asynchronously: let it settle before counting.
    emu.emulator.clock.advance(1000);
    await emu.api("GET", `/v2/bot/message/progress/narrowcast?requestId=${acceptedId}`);
    const before = await recordedCount();
    const second = await emu.api("POST", path, body, { "x-line-retry-key": key });
    expect(second.status).toBe(409);
    expect(second.json.message).toBe("The retry key is already accepted");
    expect(second.headers.get("x-line-accepted-request-id")).toBe(acceptedId);
    // Each request gets its own request id, the repeat included.
    expect(second.headers.get("x-line-request-id")).not.toBe(acceptedId);
    expect(await recordedCount()).toBe(before);
  });

  it("push: the 409 repeats the original sentMessages", async () => {
    const key = randomUUID();
    const first = await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages }, { "x-line-retry-key": key });
    const second = await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages }, { "x-line-retry-key": key });
    expect(second.json.sentMessages).toEqual(first.json.sentMessages);
  });

  it("keys are per request: a different key sends again", async () => {
    await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages }, { "x-line-retry-key": randomUUID() });
    await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages }, { "x-line-retry-key": randomUUID() });
    expect(await recordedCount()).toBe(2);
  });

  it("a rejected request does not use up its key", async () => {
    const key = randomUUID();
    expect((await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages: [{ type: "text", text: "" }] }, { "x-line-retry-key": key })).status).toBe(400);
    expect((await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages }, { "x-line-retry-key": key })).status).toBe(200);
  });

  it("concurrent requests with one key: exactly one is accepted", async () => {
    const key = randomUUID();
    const to = Array.from({ length: 500 }, (_, i) => syntheticLineUserId(i + 1));
    const responses = await Promise.all(Array.from({ length: 20 }, () => emu.api("POST", "/v2/bot/message/multicast", { to, messages }, { "x-line-retry-key": key })));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(19);
    expect(await recordedCount()).toBe(1);
  });

  it("keys expire 24 hours after acceptance", async () => {
    const key = randomUUID();
    await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages }, { "x-line-retry-key": key });
    emu.emulator.clock.advance(24 * 3600_000 - 1000);
    expect((await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages }, { "x-line-retry-key": key })).status).toBe(409);
    emu.emulator.clock.advance(1000);
    expect((await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages }, { "x-line-retry-key": key })).status).toBe(200);
  });

  it("records the key with the delivery", async () => {
    const key = randomUUID();
    await emu.api("POST", "/v2/bot/message/multicast", { to: [ALICE], messages }, { "x-line-retry-key": key });
    expect((await emu.admin("GET", `/messages?retryKey=${key}`)).json.messages).toMatchObject([{ userId: ALICE, retryKey: key, endpoint: "multicast" }]);
  });
});

describe("[RETRY KEY] where it is refused", () => {
  it("requires a UUID", async () => {
    const response = await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages }, { "x-line-retry-key": "not-a-uuid" });
    expect(response.status).toBe(400);
    expect(await recordedCount()).toBe(0);
  });

  it.each([
    ["reply", "POST", "/v2/bot/message/reply", { replyToken: "x", messages }],
    ["profile", "GET", `/v2/bot/profile/${ALICE}`, undefined],
    ["rich menu", "POST", "/v2/bot/richmenu", {}],
    ["validate", "POST", "/v2/bot/message/validate/push", { messages }],
  ])("is answered with 400 on %s", async (_name, method, path, body) => {
    const response = await emu.api(method, path, body, { "x-line-retry-key": randomUUID() });
    expect(response.status).toBe(400);
    expect(response.json.message).toMatch(/X-Line-Retry-Key/);
  });
});
