// Sending behaviour: reply tokens, friends and blocks, unknown ids, multicast limits, broadcast,
// narrowcast (audiences, demographics, limits, progress, error codes), quota and the record.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { DEMO_RESIDENT_COUNT, isSyntheticResidentBlocked } from "@/lib/demo/constants";
import { startTestEmulator, type TestEmulator } from "./testing";

const ALICE = syntheticLineUserId(1);
const BOB = syntheticLineUserId(2);
const BLOCKER = syntheticLineUserId(37);
const text = (t: string) => [{ type: "text", text: t }];

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ config: { narrowcast: { waitingMs: 50, sendingMs: 50 }, audienceProcessingMs: 0 } });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.emulator.reset();
  emu.emulator.config.quota = { type: "none" };
});

async function deliveriesTo(userId: string) {
  return (await emu.admin("GET", `/messages?userId=${userId}`)).json.messages as { delivered: boolean; endpoint: string; messages: { text: string }[] }[];
}

describe("[MESSAGING] demo channel and friends", () => {
  it("starts with the demo city's residents as friends, blocked ones by the shared rule", async () => {
    const state = (await emu.admin("GET", "/state")).json;
    const blocked = Array.from({ length: DEMO_RESIDENT_COUNT }, (_, i) => i + 1).filter(isSyntheticResidentBlocked).length;
    expect(state.friends).toEqual({ synthetic: DEMO_RESIDENT_COUNT, friends: DEMO_RESIDENT_COUNT - blocked });
    expect((await emu.api("GET", `/v2/bot/profile/${ALICE}`)).json).toMatchObject({ userId: ALICE, displayName: expect.any(String) });
    expect((await emu.api("GET", `/v2/bot/profile/${BLOCKER}`)).status).toBe(404);
  });

  it("pages follower ids without repeats and without blocked users", async () => {
    const seen: string[] = [];
    let start: string | undefined;
    do {
      const page = await emu.api("GET", `/v2/bot/followers/ids?limit=1000${start ? `&start=${start}` : ""}`);
      expect(page.status).toBe(200);
      seen.push(...page.json.userIds);
      start = page.json.next;
    } while (start);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(BLOCKER);
    expect(seen.length).toBe(emu.emulator.friends.friendCount());
    expect((await emu.api("GET", "/v2/bot/followers/ids?limit=1001")).status).toBe(400);
    expect((await emu.api("GET", "/v2/bot/followers/ids?start=garbage")).json).toEqual({ message: "Invalid start param" });
  });
});

describe("[MESSAGING] reply", () => {
  it("accepts a reply token once, within its lifetime", async () => {
    const event = (await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "粗大ごみの出し方" })).json.events[0];
    const first = await emu.api("POST", "/v2/bot/message/reply", { replyToken: event.replyToken, messages: [...text("はい"), { type: "sticker", packageId: "446", stickerId: "1988" }, { type: "location", title: "市役所", address: "本町1-1", latitude: 35, longitude: 139 }] });
    expect(first.status).toBe(200);
    expect(first.json.sentMessages).toHaveLength(3);
    expect(first.json.sentMessages[0].quoteToken).toBeTypeOf("string");
    expect(first.json.sentMessages[2].quoteToken).toBeUndefined(); // location messages cannot be quoted
    const again = await emu.api("POST", "/v2/bot/message/reply", { replyToken: event.replyToken, messages: text("もう一度") });
    expect(again).toMatchObject({ status: 400, json: { message: "Invalid reply token" } });
    expect((await deliveriesTo(ALICE)).map((d) => d.endpoint)).toEqual(["reply"]);
  });

  it("rejects an expired token and an invalid message without burning the token", async () => {
    const event = (await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "a" })).json.events[0];
    expect((await emu.api("POST", "/v2/bot/message/reply", { replyToken: event.replyToken, messages: text("") })).status).toBe(400);
    emu.emulator.clock.advance(60_000);
    expect((await emu.api("POST", "/v2/bot/message/reply", { replyToken: event.replyToken, messages: text("遅い") })).json).toEqual({ message: "Invalid reply token" });
  });
});

describe("[MESSAGING] push and multicast", () => {
  it("accepts a push to a blocker (200) without delivering it", async () => {
    const response = await emu.api("POST", "/v2/bot/message/push", { to: BLOCKER, messages: text("届かない") });
    expect(response.status).toBe(200);
    expect(await deliveriesTo(BLOCKER)).toMatchObject([{ delivered: false }]);
  });

  it("rejects a push to an id the channel has never seen and to malformed ids", async () => {
    expect((await emu.api("POST", "/v2/bot/message/push", { to: `U${"0".repeat(32)}`, messages: text("x") })).json).toEqual({ message: "Failed to send messages" });
    expect((await emu.api("POST", "/v2/bot/message/push", { to: "someone", messages: text("x") })).json).toEqual({ message: "The property, to, in the request body is invalid (line: -, column: -)" });
  });

  it("multicast: ≤ 500 users, users only, blockers and unknown users accepted but not delivered", async () => {
    const to = Array.from({ length: 500 }, (_, i) => syntheticLineUserId(i + 1));
    const unknown = `U${"a".repeat(32)}`;
    to[499] = unknown;
    const ok = await emu.api("POST", "/v2/bot/message/multicast", { to, messages: text("一斉") });
    expect(ok).toMatchObject({ status: 200, json: {} });
    const rows = (await emu.admin("GET", `/messages?requestId=${ok.headers.get("x-line-request-id")}&limit=1000`)).json.messages as { userId: string; delivered: boolean }[];
    expect(rows).toHaveLength(500);
    const notDelivered = rows.filter((r) => !r.delivered).map((r) => r.userId);
    expect(notDelivered.sort()).toEqual([syntheticLineUserId(37), syntheticLineUserId(74), syntheticLineUserId(111), syntheticLineUserId(148), syntheticLineUserId(185), syntheticLineUserId(222), syntheticLineUserId(259), syntheticLineUserId(296), syntheticLineUserId(333), syntheticLineUserId(370), syntheticLineUserId(407), syntheticLineUserId(444), syntheticLineUserId(481), unknown].sort());

    const tooMany = await emu.api("POST", "/v2/bot/message/multicast", { to: [...to, BOB], messages: text("x") });
    expect(tooMany.json).toEqual({ message: "The request body has 1 error(s)", details: [{ message: "Size must be between 1 and 500", property: "to" }] });
    const group = await emu.api("POST", "/v2/bot/message/multicast", { to: [ALICE, `C${"1".repeat(32)}`], messages: text("x") });
    expect(group.json).toEqual({ message: "The property, to[1], in the request body is invalid (line: -, column: -)" });
    // A near-miss of a real id (last digit changed) is somebody else: not delivered.
    const nearMiss = ALICE.slice(0, -1) + (ALICE.endsWith("0") ? "1" : "0");
    const near = await emu.api("POST", "/v2/bot/message/multicast", { to: [nearMiss], messages: text("x") });
    expect(near.status).toBe(200);
    expect((await emu.admin("GET", `/messages?requestId=${near.headers.get("x-line-request-id")}`)).json.messages).toMatchObject([{ userId: nearMiss, delivered: false }]);
  });

  it("stops delivering after an unfollow and resumes after an unblock", async () => {
    await emu.admin("POST", `/residents/${BOB}/unfollow`);
    await emu.api("POST", "/v2/bot/message/push", { to: BOB, messages: text("1") });
    const follow = await emu.admin("POST", `/residents/${BOB}/follow`);
    expect(follow.json.events[0].follow).toEqual({ isUnblocked: true });
    await emu.api("POST", "/v2/bot/message/push", { to: BOB, messages: text("2") });
    expect((await deliveriesTo(BOB)).map((d) => [d.messages[0]!.text, d.delivered])).toEqual([
      ["1", false],
      ["2", true],
    ]);
  });
});

describe("[MESSAGING] broadcast, quota and counts", () => {
  it("broadcast reaches every friend once", async () => {
    const response = await emu.api("POST", "/v2/bot/message/broadcast", { messages: text("防災訓練のお知らせ") });
    expect(response.status).toBe(200);
    const summary = (await emu.admin("GET", "/messages/summary")).json;
    expect(summary).toMatchObject({ recipients: emu.emulator.friends.friendCount(), deliveries: emu.emulator.friends.friendCount(), duplicateCount: 0 });
  });

  it("a limited monthly quota refuses sends beyond it with LINE's 429", async () => {
    emu.emulator.config.quota = { type: "limited", value: 3 };
    expect((await emu.api("GET", "/v2/bot/message/quota")).json).toEqual({ type: "limited", value: 3 });
    const to = [ALICE, BOB, syntheticLineUserId(3)];
    expect((await emu.api("POST", "/v2/bot/message/multicast", { to, messages: text("1") })).status).toBe(200);
    expect((await emu.api("GET", "/v2/bot/message/quota/consumption")).json).toEqual({ totalUsage: 3 });
    expect((await emu.api("POST", "/v2/bot/message/push", { to: ALICE, messages: text("2") })).json).toEqual({ message: "You have reached your monthly limit." });
    // Replies are free.
    const event = (await emu.admin("POST", `/residents/${ALICE}/messages`, { type: "text", text: "?" })).json.events[0];
    expect((await emu.api("POST", "/v2/bot/message/reply", { replyToken: event.replyToken, messages: text("ok") })).status).toBe(200);
  });

  it("counts delivered messages per day, ready from the next day", async () => {
    await emu.api("POST", "/v2/bot/message/multicast", { to: [ALICE, BOB, BLOCKER], messages: [...text("a"), ...text("b")] });
    const today = new Date(emu.emulator.clock.now() + 9 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "");
    expect((await emu.api("GET", `/v2/bot/message/delivery/multicast?date=${today}`)).json).toEqual({ status: "unready" });
    emu.emulator.clock.advance(24 * 3600_000);
    expect((await emu.api("GET", `/v2/bot/message/delivery/multicast?date=${today}`)).json).toEqual({ status: "ready", success: 4 });
  });
});

describe("[MESSAGING] narrowcast", () => {
  async function progress(requestId: string) {
    return (await emu.api("GET", `/v2/bot/message/progress/narrowcast?requestId=${requestId}`)).json;
  }

  it("moves waiting → sending → succeeded and delivers to the audience", async () => {
    const audience = await emu.api("POST", "/v2/bot/audienceGroup/upload", { description: "テスト", audiences: [{ id: ALICE }, { id: BOB }, { id: BLOCKER }] });
    const sent = await emu.api("POST", "/v2/bot/message/narrowcast", { messages: text("対象者へ"), recipient: { type: "audience", audienceGroupId: audience.json.audienceGroupId } }, { "x-line-retry-key": randomUUID() });
    expect(sent.status).toBe(202);
    const requestId = sent.headers.get("x-line-request-id")!;
    expect((await progress(requestId)).phase).toBe("waiting");
    emu.emulator.clock.advance(60);
    // The blocker is excluded from the targets ("excluded from recipients", narrowcast conditions).
    expect(await progress(requestId)).toMatchObject({ phase: "sending", targetCount: 2 });
    await emu.admin("POST", `/residents/${BOB}/unfollow`); // blocks during sending
    emu.emulator.clock.advance(60);
    const done = await progress(requestId);
    expect(done).toMatchObject({ phase: "succeeded", successCount: 1, failureCount: 1, targetCount: 2 });
    expect(done.completedTime).toBeTypeOf("string");
    expect((await deliveriesTo(ALICE)).map((d) => d.endpoint)).toEqual(["narrowcast"]);
  });

  it("combines recipients with operators and filters by attributes", async () => {
    const a = (await emu.api("POST", "/v2/bot/audienceGroup/upload", { description: "a", audiences: Array.from({ length: 300 }, (_, i) => ({ id: syntheticLineUserId(i + 1) })) })).json.audienceGroupId;
    const b = (await emu.api("POST", "/v2/bot/audienceGroup/upload", { description: "b", audiences: Array.from({ length: 100 }, (_, i) => ({ id: syntheticLineUserId(i + 1) })) })).json.audienceGroupId;
    const sent = await emu.api("POST", "/v2/bot/message/narrowcast", {
      messages: text("女性のみ"),
      recipient: { type: "operator", and: [{ type: "audience", audienceGroupId: a }, { type: "operator", not: { type: "audience", audienceGroupId: b } }] },
      filter: { demographic: { type: "gender", oneOf: ["female"] } },
    });
    expect(sent.status).toBe(202);
    emu.emulator.clock.advance(200);
    const done = await progress(sent.headers.get("x-line-request-id")!);
    // Residents 101..300 who are friends and female (even numbers, not multiples of 11).
    const expected = Array.from({ length: 200 }, (_, i) => i + 101).filter((n) => n % 2 === 0 && n % 11 !== 0 && !isSyntheticResidentBlocked(n));
    expect(done).toMatchObject({ targetCount: expected.length, successCount: expected.length, failureCount: 0 });
  });

  it("fails with errorCode 2 when an attribute filter leaves fewer than 50 recipients, 5 when partial delivery is forbidden", async () => {
    const few = await emu.api("POST", "/v2/bot/message/narrowcast", {
      messages: text("x"),
      recipient: { type: "audience", audienceGroupId: (await emu.api("POST", "/v2/bot/audienceGroup/upload", { description: "few", audiences: [{ id: ALICE }] })).json.audienceGroupId },
      filter: { demographic: { type: "appType", oneOf: ["ios"] } },
    });
    emu.emulator.clock.advance(200);
    expect(await progress(few.headers.get("x-line-request-id")!)).toMatchObject({ phase: "failed", errorCode: 2 });

    emu.emulator.config.quota = { type: "limited", value: 10 };
    const partial = await emu.api("POST", "/v2/bot/message/narrowcast", { messages: text("x"), limit: { upToRemainingQuota: true, forbidPartialDelivery: true } });
    emu.emulator.clock.advance(200);
    expect(await progress(partial.headers.get("x-line-request-id")!)).toMatchObject({ phase: "failed", errorCode: 5 });
    const capped = await emu.api("POST", "/v2/bot/message/narrowcast", { messages: text("x"), limit: { upToRemainingQuota: true } });
    emu.emulator.clock.advance(200);
    expect(await progress(capped.headers.get("x-line-request-id")!)).toMatchObject({ phase: "succeeded", targetCount: 10 });
  });

  it("rejects unknown audiences, bad redelivery ids and operator misuse", async () => {
    expect((await emu.api("POST", "/v2/bot/message/narrowcast", { messages: text("x"), recipient: { type: "audience", audienceGroupId: 1 } })).json).toEqual({ message: "Invalid audience group id: 1" });
    expect((await emu.api("POST", "/v2/bot/message/narrowcast", { messages: text("x"), recipient: { type: "redelivery", requestId: "nope" } })).json).toEqual({ message: "Invalid request id: nope" });
    const both = await emu.api("POST", "/v2/bot/message/narrowcast", { messages: text("x"), recipient: { type: "operator", and: [], or: [] } });
    expect(both.status).toBe(400);
    expect((await emu.api("POST", "/v2/bot/message/narrowcast", { messages: text("x"), limit: { forbidPartialDelivery: true } })).status).toBe(400);
  });

  it("redelivers to the recipients of an earlier narrowcast", async () => {
    const first = await emu.api("POST", "/v2/bot/message/narrowcast", { messages: text("1"), limit: { max: 5 } });
    emu.emulator.clock.advance(200);
    expect((await progress(first.headers.get("x-line-request-id")!)).phase).toBe("succeeded");
    const again = await emu.api("POST", "/v2/bot/message/narrowcast", { messages: text("2"), recipient: { type: "redelivery", requestId: first.headers.get("x-line-request-id") } });
    emu.emulator.clock.advance(200);
    expect(await progress(again.headers.get("x-line-request-id")!)).toMatchObject({ phase: "succeeded", targetCount: 5 });
  });
});

describe("[MESSAGING] loading animation", () => {
  it("accepts 5..60 seconds in steps of 5 for one-on-one chats only", async () => {
    expect((await emu.api("POST", "/v2/bot/chat/loading/start", { chatId: ALICE, loadingSeconds: 60 })).status).toBe(202);
    expect((await emu.api("POST", "/v2/bot/chat/loading/start", { chatId: ALICE, loadingSeconds: 61 })).json).toEqual({
      message: "The request body has 2 error(s)",
      details: [
        { message: "Must be between 5 and 60", property: "loadingSeconds" },
        { message: "must be a multiple of five", property: "loadingSeconds" },
      ],
    });
    expect((await emu.api("POST", "/v2/bot/chat/loading/start", { chatId: `C${"0".repeat(32)}` })).json.details[0].message).toMatch(/Only user id is acceptable/);
  });
});
