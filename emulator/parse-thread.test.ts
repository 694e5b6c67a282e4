// Multicast parsing on the parser thread answers exactly as parsing on the main thread does, and the
// state it reads (friend statuses) is the live one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { startTestEmulator, type TestEmulator } from "./testing";

const messages = [{ type: "text", text: "並列で解析" }];
let threaded: TestEmulator;
let inline: TestEmulator;

beforeAll(async () => {
  threaded = await startTestEmulator({ config: { parseThread: true } });
  inline = await startTestEmulator({ config: { parseThread: false } });
  const deadline = Date.now() + 20_000;
  while (!threaded.emulator.parser.threaded && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}, 30_000);
afterAll(async () => {
  await threaded.close();
  await inline.close();
});

describe("[PARSER THREAD] multicast", () => {
  it("starts", () => {
    expect(threaded.emulator.parser.threaded).toBe(true);
    expect(inline.emulator.parser.threaded).toBe(false);
  });

  it.each([
    ["valid", { to: [syntheticLineUserId(1), syntheticLineUserId(37), `U${"e".repeat(32)}`], messages }],
    ["bad id", { to: [syntheticLineUserId(1), "U123"], messages }],
    ["group id", { to: [`C${"1".repeat(32)}`], messages }],
    ["too many", { to: Array.from({ length: 501 }, (_, i) => syntheticLineUserId(i + 1)), messages }],
    ["bad message", { to: [syntheticLineUserId(1)], messages: [{ type: "text", text: "" }] }],
    ["no body fields", {}],
    ["not JSON", "{to:"],
  ])("answers like the main thread: %s", async (_name, body) => {
    const a = await threaded.api("POST", "/v2/bot/message/multicast", body);
    const b = await inline.api("POST", "/v2/bot/message/multicast", body);
    expect({ status: a.status, json: a.json }).toEqual({ status: b.status, json: b.json });
  });

  it("records the same deliveries, unknown ids and blockers included", async () => {
    const to = [syntheticLineUserId(2), syntheticLineUserId(74), `U${"d".repeat(32)}`];
    const sent = await threaded.api("POST", "/v2/bot/message/multicast", { to, messages });
    const rows = (await threaded.admin("GET", `/messages?requestId=${sent.headers.get("x-line-request-id")}`)).json.messages;
    expect(rows.map((r: { userId: string; delivered: boolean }) => [r.userId, r.delivered])).toEqual([
      [to[0], true],
      [to[1], false],
      [to[2], false],
    ]);
  });

  it("sees a block made a moment ago (shared memory)", async () => {
    await threaded.admin("POST", `/residents/${syntheticLineUserId(3)}/unfollow`);
    const sent = await threaded.api("POST", "/v2/bot/message/multicast", { to: [syntheticLineUserId(3)], messages });
    expect((await threaded.admin("GET", `/messages?requestId=${sent.headers.get("x-line-request-id")}`)).json.messages[0].delivered).toBe(false);
  });

  it("accepts one of many concurrent requests with one retry key", async () => {
    const key = randomUUID();
    const to = Array.from({ length: 500 }, (_, i) => syntheticLineUserId(i + 1));
    const statuses = await Promise.all(Array.from({ length: 30 }, () => threaded.api("POST", "/v2/bot/message/multicast", { to, messages }, { "x-line-retry-key": key }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(29);
    expect((await threaded.admin("GET", `/messages?retryKey=${key}&limit=1000`)).json.messages).toHaveLength(500);
  });

  it("reads the new table after a reset", async () => {
    threaded.emulator.reset();
    await threaded.admin("POST", `/residents/${syntheticLineUserId(5)}/unfollow`);
    const sent = await threaded.api("POST", "/v2/bot/message/multicast", { to: [syntheticLineUserId(5)], messages });
    expect((await threaded.admin("GET", `/messages?requestId=${sent.headers.get("x-line-request-id")}`)).json.messages[0].delivered).toBe(false);
  });

  it("follows a rebuilt friend table", async () => {
    await threaded.admin("POST", "/synthetic-friends", { count: 1500 });
    const sent = await threaded.api("POST", "/v2/bot/message/multicast", { to: [syntheticLineUserId(1400)], messages });
    expect(sent.status).toBe(200);
    expect((await threaded.admin("GET", `/messages?requestId=${sent.headers.get("x-line-request-id")}`)).json.messages[0]).toMatchObject({ delivered: true });
  });
});
