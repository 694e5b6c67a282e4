import { describe, expect, it } from "vitest";
import { signLineWebhookBody } from "@/lib/line/signature";
import { parseWebhookBody, receiveLineWebhook, webhookEventKey, type WebhookStore } from "./intake";
import { textEvent } from "./testing/sample-events";

const SECRET = "secret-for-tests";

function request(events: unknown[]) {
  const raw = Buffer.from(JSON.stringify({ destination: "U0", events }));
  return { raw: new Uint8Array(raw), signature: signLineWebhookBody(raw, SECRET) };
}

describe("[WEBHOOK] intake without a database", () => {
  it("keys events by webhookEventId, or by a stable hash of the event", () => {
    const event = textEvent("x");
    expect(webhookEventKey(event)).toBe(event.webhookEventId);
    const { webhookEventId: _, ...old } = event;
    expect(webhookEventKey(old)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(webhookEventKey(old)).toBe(webhookEventKey(JSON.parse(JSON.stringify(old))));
  });

  it("parses rows (type, mode, user, time, redelivery), drops the same event twice in one body", () => {
    const event = { ...textEvent("x"), timestamp: 1_800_000_000_000, deliveryContext: { isRedelivery: true } };
    const parsed = parseWebhookBody(JSON.stringify({ events: [event, event, { type: "things", timestamp: 5 }] }), 1_800_000_000_999);
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[0]).toMatchObject({ type: "message", mode: "active", ts: 1_800_000_000_000, is_redelivery: true });
    expect(parsed.rows[1]).toMatchObject({ type: "things", ts: 1_800_000_000_999, line_user_id: null });
    expect(parseWebhookBody("[]")).toEqual({ error: "body is not an object" });
  });

  it("answers 503 when the store fails, and 200 when only the jobs could not be written", async () => {
    const down: WebhookStore = { store: async () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })) };
    const { raw, signature } = request([textEvent("x")]);
    expect((await receiveLineWebhook(raw, signature, down, { channelSecret: SECRET, log: () => undefined })).status).toBe(503);
    const logged: string[] = [];
    const noJobs: WebhookStore = { store: async (rows) => ({ fresh: rows.map((r) => r.id), enqueued: false }) };
    const result = await receiveLineWebhook(raw, signature, noJobs, { channelSecret: SECRET, log: (m) => logged.push(m) });
    expect(result).toMatchObject({ status: 200, stored: 1 });
    expect(logged[0]).toContain("without their jobs");
  });

  it("never reaches the store for bad signatures or bodies", async () => {
    let calls = 0;
    const store: WebhookStore = { store: async (rows) => ((calls += 1), { fresh: rows.map((r) => r.id), enqueued: true }) };
    const { raw } = request([textEvent("x")]);
    expect((await receiveLineWebhook(raw, null, store, { channelSecret: SECRET })).status).toBe(401);
    expect((await receiveLineWebhook(raw, "AAAA", store, { channelSecret: SECRET })).status).toBe(401);
    const bad = Buffer.from("{");
    expect((await receiveLineWebhook(new Uint8Array(bad), signLineWebhookBody(bad, SECRET), store, { channelSecret: SECRET })).status).toBe(400);
    expect((await receiveLineWebhook(new Uint8Array(2 * 1024 * 1024), "x", store, { channelSecret: SECRET })).status).toBe(413);
    expect(calls).toBe(0);
  });
});
