// POST /api/line/webhook against a real PostgreSQL: every documented event type is accepted and
// stored once; redeliveries and duplicates are no-ops; signatures and bodies are checked before
// anything is stored; a database outage is answered 5xx and nothing is lost once it recovers.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { NextApiRequest, NextApiResponse } from "next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { resetEnvCache } from "@/lib/env";
import { signLineWebhookBody } from "@/lib/line/signature";
import { checkSchema, loadSpec } from "@/emulator/contract/openapi";
import { startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { LINE_WEBHOOK_EVENT_TYPES } from "@/lib/webhook/event-types";
import { receiveLineWebhook } from "@/lib/webhook/intake";
import { closeWebhookStore, createPgWebhookStore } from "@/lib/webhook/intake-store";
import { closeTransactionalEnqueue } from "@/lib/webhook/enqueue-in-transaction";
import { sampleEventsOfEveryType, testLineUserId, textEvent } from "@/lib/webhook/testing/sample-events";
import { startTcpProxy } from "@/lib/webhook/testing/tcp-proxy";

const t = useTestDatabase();
const SECRET = "0123456789abcdef0123456789abcdef";
// The route module itself (pages/api/line/webhook.ts) on a real node:http server: it uses only
// Node's request/response, as Next's Pages API runtime gives it.
let server: http.Server;
let webhookUrl: string;

beforeAll(async () => {
  process.env.DATABASE_URL = t.url;
  process.env.LINE_CHANNEL_SECRET = SECRET;
  resetEnvCache();
  const { default: route } = await import("@/pages/api/line/webhook");
  server = http.createServer((req, res) => void route(req as NextApiRequest, res as NextApiResponse));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/line/webhook`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await closeWebhookStore();
  await closeTransactionalEnqueue();
});

function body(events: unknown[]): string {
  return JSON.stringify({ destination: `U${"0".repeat(32)}`, events });
}

function post(raw: string | Buffer, signature: string | null = signLineWebhookBody(raw, SECRET)): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "user-agent": "LineBotWebhook/2.0" };
  if (signature !== null) headers["x-line-signature"] = signature;
  return fetch(webhookUrl, { method: "POST", headers, body: typeof raw === "string" ? raw : new Uint8Array(raw) });
}

async function storedIds(ids: string[]): Promise<string[]> {
  const rows = await t.db.webhookEvent.findMany({ where: { id: { in: ids } }, select: { id: true } });
  return rows.map((r) => r.id).sort();
}

async function jobsFor(ids: string[]): Promise<number> {
  const rows = await t.db.$queryRaw<{ n: bigint }[]>`select count(*) as n from pgboss.job where name = 'webhook.handle-event' and data->>'eventId' = any(${ids}::text[])`;
  return Number(rows[0]!.n);
}

describe("[WEBHOOK] intake", () => {
  it("accepts and stores 100 % of LINE's documented event types, each once, and enqueues their handling", async () => {
    const spec = loadSpec("webhook");
    const mapping = Object.keys((spec.components.schemas.Event as { discriminator: { mapping: Record<string, string> } }).discriminator.mapping);
    const events = sampleEventsOfEveryType();
    // The samples are what LINE documents: each conforms to webhook.yml's Event schema, and together
    // they cover every type of its discriminator (plus messageEdited).
    for (const event of events) if (event.type !== "messageEdited") expect(checkSchema(spec, { $ref: "#/components/schemas/Event" }, event), String(event.type)).toEqual([]);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set([...mapping, "messageEdited"]));
    expect(new Set(LINE_WEBHOOK_EVENT_TYPES)).toEqual(new Set([...mapping, "messageEdited"]));

    const response = await post(body(events));
    expect(response.status).toBe(200);
    const ids = events.map((e) => e.webhookEventId as string);
    expect(await storedIds(ids)).toEqual([...ids].sort());
    expect(await jobsFor(ids)).toBe(events.length);
    const stored = await t.db.webhookEvent.findMany({ where: { id: { in: ids } } });
    expect(new Set(stored.map((s) => s.type))).toEqual(new Set(events.map((e) => e.type)));
    expect(stored.every((s) => s.status === "RECEIVED")).toBe(true);
  });

  it("handles a redelivery and a duplicate once: same events again → 200, no new rows, no new jobs", async () => {
    const events = [textEvent("ごみの日"), textEvent("ごみの日")];
    expect((await post(body(events))).status).toBe(200);
    const redelivered = events.map((e) => ({ ...e, deliveryContext: { isRedelivery: true } }));
    expect((await post(body(redelivered))).status).toBe(200);
    expect((await post(body(events))).status).toBe(200); // a byte-identical duplicate
    const ids = events.map((e) => e.webhookEventId as string);
    expect(await storedIds(ids)).toHaveLength(2);
    expect(await jobsFor(ids)).toBe(2);
  });

  it("keys events without webhookEventId (old clients) by a hash of their content", async () => {
    const event = textEvent("旧クライアント");
    delete event.webhookEventId;
    delete event.deliveryContext;
    expect((await post(body([event]))).status).toBe(200);
    expect((await post(body([event]))).status).toBe(200);
    const rows = await t.db.webhookEvent.findMany({ where: { id: { startsWith: "sha256:" }, payload: { path: ["message", "text"], equals: "旧クライアント" } } });
    expect(rows).toHaveLength(1);
  });

  it("answers the verify request (no events) with 200 and stores nothing", async () => {
    const before = await t.db.webhookEvent.count();
    expect((await post(body([]))).status).toBe(200);
    expect(await t.db.webhookEvent.count()).toBe(before);
  });

  it("refuses a missing or wrong signature (401) and a signed body that is not a webhook body (400)", async () => {
    const events = [textEvent("改ざん")];
    const raw = body(events);
    expect((await post(raw, null)).status).toBe(401);
    expect((await post(raw, signLineWebhookBody(raw, "another-channel-secret"))).status).toBe(401);
    expect((await post(raw, signLineWebhookBody(`${raw} `, SECRET))).status).toBe(401);
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ events: "x" }))).status).toBe(400);
    expect((await post(JSON.stringify({ events: [1] }))).status).toBe(400);
    // \u0000 cannot be stored in jsonb: the body's fault, not the database's.
    expect((await post(body([{ ...textEvent("x"), message: { id: "1", type: "text", text: "a\u0000b" } }]))).status).toBe(400);
    expect(await storedIds([events[0]!.webhookEventId as string])).toEqual([]);
  });

  it("answers only 4xx to 10,000 malformed or wrongly signed bodies", async () => {
    const valid = body([textEvent("本物")]);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const malformed: (() => [string | Buffer, string | null])[] = [
      () => [Buffer.from(Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256))), "sign"],
      () => [valid.slice(0, Math.floor(random() * valid.length)), "sign"],
      () => [JSON.stringify([{ events: [] }]), "sign"],
      () => [JSON.stringify({ destination: "x" }), "sign"],
      () => [JSON.stringify({ events: [null] }), "sign"],
      () => [JSON.stringify({ events: [["message"]] }), "sign"],
      () => [JSON.stringify({ events: "message" }), "sign"],
      () => [valid, null],
      () => [valid, "invalid-signature"],
      () => [valid, signLineWebhookBody(valid, `x${random()}`)],
      () => [valid.replace("本物", `偽物${random()}`), signLineWebhookBody(valid, SECRET)],
      () => [`${valid}}`, "sign"],
    ];
    const statuses = new Map<number, number>();
    const before = await t.db.webhookEvent.count();
    for (let i = 0; i < 10_000; i++) {
      const [raw, signature] = malformed[i % malformed.length]!();
      const response = await post(raw, signature === "sign" ? signLineWebhookBody(raw, SECRET) : signature);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500), JSON.stringify([...statuses])).toBe(true);
    expect(await t.db.webhookEvent.count()).toBe(before);
  }, 120_000);
});

describe("[WEBHOOK] database outage", () => {
  let emulator: TestEmulator;
  let server: http.Server;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let store: ReturnType<typeof createPgWebhookStore>;

  beforeAll(async () => {
    const url = new URL(t.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
    url.port = String(proxy.port);
    store = createPgWebhookStore({ connectionString: url.toString(), poolSize: 4 });
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const result = await receiveLineWebhook(new Uint8Array(Buffer.concat(chunks)), (req.headers["x-line-signature"] as string) ?? null, store, { channelSecret: emulator.env.LINE_CHANNEL_SECRET, log: () => undefined });
        res.writeHead(result.status).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    emulator = await startTestEmulator({
      webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/line/webhook`,
      friends: 0,
      config: { webhook: { redelivery: { enabled: true, delaysMs: [400, 800, 1600, 3200] } } },
    });
  });

  afterAll(async () => {
    await emulator?.close();
    await new Promise((r) => server?.close(r));
    await store?.close();
    await proxy?.close();
  });

  it("answers 503 while the database is down, and after recovery every event is stored exactly once", async () => {
    const userId = testLineUserId();
    await emulator.admin("POST", "/residents", { displayName: "停電 中", userId, follow: false, friend: true });
    await proxy.down();
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      const reply = await emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text: `停止中の質問 ${i}` });
      expect(reply.json.delivery.statusCode).toBe(503);
      sent.push(reply.json.events[0].webhookEventId);
    }
    await proxy.up();
    const deadline = Date.now() + 15_000;
    while ((await storedIds(sent)).length < sent.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await storedIds(sent)).toEqual([...sent].sort());
    const redelivered = await t.db.webhookEvent.findMany({ where: { id: { in: sent } }, select: { isRedelivery: true } });
    expect(redelivered.every((r) => r.isRedelivery)).toBe(true);
    expect(await jobsFor(sent)).toBe(sent.length);
  }, 30_000);
});
