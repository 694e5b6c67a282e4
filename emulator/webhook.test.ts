// The webhook sender: events from simulated residents, signed over the exact bytes, with LINE's
// headers, ULIDs, delivery context and mode; the 2-second timeout; failures recorded without
// crashing; redelivery and duplicate injection; raw bodies byte for byte; the verify request.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { validateSignature } from "@line/bot-sdk";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { verifyLineSignature } from "@/lib/line/signature";
import { DEMO_CHANNEL } from "./demo-channel";
import { startTestEmulator, startWebhookReceiver, type TestEmulator } from "./testing";

const ALICE = syntheticLineUserId(1);
const SECRET = DEMO_CHANNEL.channelSecret;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

let emu: TestEmulator;
let app: Awaited<ReturnType<typeof startWebhookReceiver>>;
let answer: { status?: number; delayMs?: number } = {};

beforeAll(async () => {
  app = await startWebhookReceiver(() => answer);
  emu = await startTestEmulator({ webhookUrl: app.url });
});
afterAll(async () => {
  await emu.close();
  await app.close();
});
afterEach(() => {
  answer = {};
  app.received.length = 0;
  Object.assign(emu.emulator.config.webhook, { url: app.url, active: true, timeoutMs: 2000, duplicateRate: 0, spuriousRedeliveryRate: 0, mode: "active", redelivery: { enabled: false, delaysMs: [50, 50] } });
});

describe("[WEBHOOK] deliveries", () => {
  it("signs the exact bytes sent and sends LINE's headers", async () => {
    const response = await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "こんにちは 👋 ごみの日はいつ？" });
    expect(response.json.delivery).toMatchObject({ statusCode: 200, reason: "ok" });
    const [delivery] = app.received;
    expect(delivery!.headers["user-agent"]).toBe("LineBotWebhook/2.0");
    expect(delivery!.headers["content-type"]).toMatch(/^application\/json/);
    const signature = delivery!.headers["x-line-signature"] as string;
    expect(verifyLineSignature(delivery!.body, signature, SECRET)).toBe(true);
    expect(validateSignature(delivery!.body, SECRET, signature)).toBe(true);
    // A body re-serialized from its parsed form would be different bytes: verification must use the raw body.
    expect(verifyLineSignature(Buffer.from(JSON.stringify(delivery!.json, null, 2)), signature, SECRET)).toBe(false);
    expect(verifyLineSignature(delivery!.body, signature, "another-secret")).toBe(false);
  });

  it("builds events as webhook.yml defines them", async () => {
    await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "質問です" });
    const body = app.received[0]!.json;
    expect(body.destination).toBe(DEMO_CHANNEL.botUserId);
    const [event] = body.events;
    expect(event).toMatchObject({
      type: "message",
      mode: "active",
      deliveryContext: { isRedelivery: false },
      source: { type: "user", userId: ALICE },
      message: { type: "text", text: "質問です" },
    });
    expect(event.webhookEventId).toMatch(ULID);
    expect(event.replyToken).toMatch(/^[0-9a-f]{32}$/);
    expect(event.message.quoteToken).toBeTypeOf("string");
    expect(event.message.markAsReadToken).toBeTypeOf("string");
    expect(Math.abs(event.timestamp - Date.now())).toBeLessThan(5000);
  });

  it("sends follow (with isUnblocked), unfollow (without a reply token) and postbacks with picker params", async () => {
    const resident = await emu.admin("POST", "/residents", { displayName: "テスト 太郎" });
    expect(resident.status).toBe(201);
    const userId = resident.json.resident.userId as string;
    await emu.admin("POST", `/residents/${userId}/unfollow`);
    await emu.admin("POST", `/residents/${userId}/follow`);
    await emu.admin("POST", `/residents/${userId}/postback`, { data: "action=book&slot=3", params: { datetime: "2026-12-24T10:00" } });
    const events = app.received.map((r) => r.json.events[0]);
    expect(events.map((e) => e.type)).toEqual(["follow", "unfollow", "follow", "postback"]);
    expect(events[0].follow).toEqual({ isUnblocked: false });
    expect(events[1].replyToken).toBeUndefined();
    expect(events[2].follow).toEqual({ isUnblocked: true });
    expect(events[3].postback).toEqual({ data: "action=book&slot=3", params: { datetime: "2026-12-24T10:00" } });
  });

  it("sends the console's verify request: no events", async () => {
    const result = (await emu.admin("POST", "/webhook/verify")).json;
    expect(result).toMatchObject({ kind: "verify", statusCode: 200, reason: "ok" });
    expect(app.received[0]!.json).toEqual({ destination: DEMO_CHANNEL.botUserId, events: [] });
  });

  it("posts a given body byte for byte, signed", async () => {
    const raw = Buffer.from('{"destination":"U00000000000000000000000000000000",\n  "events":[ ]}', "utf8");
    await emu.api("POST", "/__emulator/webhook/raw", raw, { "content-type": "application/octet-stream" });
    expect(app.received[0]!.body.equals(raw)).toBe(true);
    expect(verifyLineSignature(raw, app.received[0]!.headers["x-line-signature"] as string, SECRET)).toBe(true);
  });

  it("uses standby mode without reply tokens when configured", async () => {
    emu.emulator.config.webhook.mode = "standby";
    await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "x" });
    const event = app.received[0]!.json.events[0];
    expect(event.mode).toBe("standby");
    expect(event.replyToken).toBeUndefined();
  });
});

describe("[WEBHOOK] failures", () => {
  it("counts no answer within 2 seconds as request_timeout", async () => {
    answer = { delayMs: 2500 };
    const started = Date.now();
    const result = (await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "遅い" })).json.delivery;
    expect(result).toMatchObject({ reason: "request_timeout", statusCode: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1990);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it("counts non-2xx answers as error_status_code", async () => {
    answer = { status: 500 };
    expect((await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "x" })).json.delivery).toMatchObject({ reason: "error_status_code", statusCode: 500 });
  });

  it("records an unreachable app as could_not_connect and keeps working", async () => {
    emu.emulator.config.webhook.url = "http://127.0.0.1:9/api/line/webhook";
    const response = await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "誰もいない" });
    expect(response.status).toBe(200);
    expect(response.json.delivery).toMatchObject({ reason: "could_not_connect" });
    const deliveries = (await emu.admin("GET", "/webhook/deliveries")).json.deliveries;
    expect(deliveries.at(-1)).toMatchObject({ reason: "could_not_connect", eventTypes: ["message"] });
    expect((await emu.api("GET", "/v2/bot/info")).status).toBe(200);
  });

  it("redelivers failed events with the same webhookEventId and isRedelivery=true", async () => {
    emu.emulator.config.webhook.redelivery = { enabled: true, delaysMs: [50, 50] };
    let calls = 0;
    answer = { status: 503 };
    const original = (await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "再送" })).json.events[0];
    calls = (await app.waitFor(3, 3000)).length;
    expect(calls).toBe(3);
    const events = app.received.map((r) => r.json.events[0]);
    expect(events.map((e) => e.webhookEventId)).toEqual([original.webhookEventId, original.webhookEventId, original.webhookEventId]);
    expect(events.map((e) => e.deliveryContext.isRedelivery)).toEqual([false, true, true]);
    // Each redelivery is signed over its own bytes.
    for (const r of app.received) expect(verifyLineSignature(r.body, r.headers["x-line-signature"] as string, SECRET)).toBe(true);
  });

  it("injects duplicates of accepted deliveries, byte for byte", async () => {
    emu.emulator.config.webhook.duplicateRate = 1;
    await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "二重" });
    await app.waitFor(2);
    expect(app.received).toHaveLength(2);
    expect(app.received[0]!.body.equals(app.received[1]!.body)).toBe(true);
  });

  it("skips delivery while the webhook is switched off", async () => {
    emu.emulator.config.webhook.active = false;
    expect((await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "x" })).json.delivery).toMatchObject({ reason: "inactive" });
    expect(app.received).toHaveLength(0);
  });
});
