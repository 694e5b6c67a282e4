// Handling stored events against the emulator and a real database: follow → resident + greeting +
// rich menu job; text → auto-reply, feature intent, pending step or the inbox with an
// acknowledgement; replies by reply token, push when the token has expired; each event once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { startChatHarness, type ChatHarness } from "@/lib/webhook/testing/harness";
import { handleWebhookEvent } from "@/lib/webhook/handle-event";
import { registerConversationStep, registerLocationHandler, registerPostbackHandler, registerTextIntent } from "@/lib/webhook/registry";
import { textMessage } from "@/lib/line/messages";

const t = useTestDatabase();
let h: ChatHarness;

beforeAll(async () => {
  await t.db.municipality.create({ data: { id: 1, name: "みどり市", nameKana: "みどりし", prefecture: "架空県", localGovCode: "999999" } });
  h = await startChatHarness(t.db, t.url);
});

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  await t.db.autoReplyRule.deleteMany();
});

function texts(sent: Awaited<ReturnType<ChatHarness["sentTo"]>>): string[] {
  return sent.flatMap((s) => s.messages.map((m) => m.text ?? m.altText ?? m.type));
}

describe("[WEBHOOK] handling events", () => {
  it("follow: creates the resident from the LINE profile, greets them by reply (registration button, no personal data in chat) and enqueues the rich menu link", async () => {
    const userId = await h.resident("山田 花子", { language: "en" });
    expect(await h.handlePending()).toEqual(["follow:new"]);
    const resident = await t.db.resident.findUniqueOrThrow({ where: { lineUserId: userId } });
    expect(resident).toMatchObject({ displayName: "山田 花子", followStatus: "FOLLOWING", preferredLanguage: "en" });
    const sent = await h.sentTo(userId);
    expect(sent.map((s) => s.endpoint)).toEqual(["reply"]);
    expect(texts(sent).join("\n")).toContain("友だち追加いただき");
    expect(JSON.stringify(sent[0]!.messages)).toContain("liff.line.me");
    expect(JSON.stringify(sent[0]!.messages)).toContain("個人情報");
    const jobs = await t.db.$queryRaw<{ n: bigint }[]>`select count(*) as n from pgboss.job where name = 'rich-menus.refresh-resident' and data->>'residentId' = ${resident.id}`;
    expect(Number(jobs[0]!.n)).toBe(1);
  });

  it("unfollow marks the resident blocked; a later follow (unblock) reactivates them", async () => {
    const userId = await h.resident("佐藤 一郎");
    await h.emulator.admin("POST", `/residents/${userId}/unfollow`);
    await h.handlePending();
    expect((await t.db.resident.findUniqueOrThrow({ where: { lineUserId: userId } })).followStatus).toBe("BLOCKED");
    await h.emulator.admin("POST", `/residents/${userId}/follow`);
    expect(await h.handlePending()).toEqual(["follow:reactivated"]);
    expect((await t.db.resident.findUniqueOrThrow({ where: { lineUserId: userId } })).followStatus).toBe("FOLLOWING");
  });

  it("text: an auto-reply keyword is answered by reply; other text goes to the inbox with one acknowledgement per burst", async () => {
    await t.db.autoReplyRule.create({ data: { name: "ごみ", matchType: "CONTAINS", pattern: "ごみの日", replyText: "ごみの収集日はこちらです。" } });
    const userId = await h.resident("鈴木 次郎");
    await h.handlePending();
    await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text: "次のごみの日はいつ？" });
    await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text: "道路に穴が空いています" });
    await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text: "場所は駅前です" });
    const outcomes = await h.handlePending();
    expect(outcomes[0]).toMatch(/^auto-reply:/);
    expect(outcomes.slice(1)).toEqual(["inbox", "inbox"]);
    const sent = texts(await h.sentTo(userId));
    expect(sent.filter((s) => s === "ごみの収集日はこちらです。")).toHaveLength(1);
    expect(sent.filter((s) => s.startsWith("お問い合わせありがとうございます"))).toHaveLength(1);
    const resident = await t.db.resident.findUniqueOrThrow({ where: { lineUserId: userId }, include: { conversation: { include: { messages: true } } } });
    expect(resident.conversation).toMatchObject({ status: "OPEN", unreadCount: 2, preview: "場所は駅前です" });
    expect(resident.conversation!.messages.map((m) => m.text).sort()).toEqual(["場所は駅前です", "道路に穴が空いています"]);
  });

  it("handles an event once however often its job runs, and resumes sending after a failure", async () => {
    const userId = await h.resident("高橋 三郎");
    await h.handlePending();
    await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text: "重複のテスト" });
    const event = await t.db.webhookEvent.findFirstOrThrow({ where: { lineUserId: userId, status: "RECEIVED" } });
    const results = await Promise.all([handleWebhookEvent(t.db, { eventId: event.id }), handleWebhookEvent(t.db, { eventId: event.id }), handleWebhookEvent(t.db, { eventId: event.id })]);
    expect(results.filter((r) => r.status === "handled")).toHaveLength(1);
    expect(await handleWebhookEvent(t.db, { eventId: event.id })).toEqual({ status: "not-claimed" });
    expect(texts(await h.sentTo(userId)).filter((s) => s.startsWith("お問い合わせ"))).toHaveLength(1);
    expect(await t.db.inboxMessage.count({ where: { text: "重複のテスト" } })).toBe(1);
  });

  it("handles one new resident's events on several workers at once: one resident, one conversation, one acknowledgement", async () => {
    const created = await h.emulator.admin("POST", "/residents", { displayName: "同時 処理", follow: false, friend: false });
    const userId = created.json.resident.userId as string;
    await h.emulator.admin("POST", `/residents/${userId}/follow`);
    for (const text of ["一つ目の質問", "二つ目の質問", "三つ目の質問"]) await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text });
    const events = await t.db.webhookEvent.findMany({ where: { lineUserId: userId, status: "RECEIVED" }, select: { id: true } });
    expect(events).toHaveLength(4);
    const results = await Promise.all(events.map((e) => handleWebhookEvent(t.db, { eventId: e.id })));
    expect(results.map((r) => r.outcome).sort()).toEqual(["follow:new", "inbox", "inbox", "inbox"].sort());
    expect(await t.db.resident.count({ where: { lineUserId: userId } })).toBe(1);
    const conversation = await t.db.conversation.findFirstOrThrow({ where: { resident: { lineUserId: userId } } });
    expect(conversation.unreadCount).toBe(3);
    expect(texts(await h.sentTo(userId)).filter((s) => s.startsWith("お問い合わせ"))).toHaveLength(1);
  });

  it("falls back to push (with a retry key) when the reply token has expired, and LINE refusing the push twice is harmless", async () => {
    await t.db.autoReplyRule.create({ data: { name: "休日", matchType: "EXACT", pattern: "休日窓口", replyText: "休日窓口のご案内です。" } });
    const userId = await h.resident("田中 四郎");
    await h.handlePending();
    await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text: "休日窓口" });
    await h.emulator.admin("POST", "/clock", { advanceMs: 120_000 }); // the reply token is now expired
    try {
      await h.handlePending();
    } finally {
      await h.emulator.admin("POST", "/clock", { reset: true });
    }
    const sent = (await h.sentTo(userId)).filter((s) => texts([s]).includes("休日窓口のご案内です。"));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.endpoint).toBe("push");
    expect(sent[0]!.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    const outbound = await t.db.outboundMessage.findFirstOrThrow({ where: { lineUserId: userId, purpose: "auto-reply" } });
    expect(outbound).toMatchObject({ status: "SENT", via: "PUSH", id: sent[0]!.retryKey });
  });

  it("routes to a pending conversation step, feature intents, postback actions and location handlers", async () => {
    registerTextIntent({ name: "test-garbage", priority: 10, match: (_text, ctx) => ctx.normalizedText.startsWith("ゴミ検索"), handle: async (ctx) => {
      await ctx.setPendingStep({ feature: "test-garbage", step: "ask-item", data: { from: "intent" } });
      return { outcome: "asked", messages: [textMessage("品目名を入力してください。")] };
    } });
    registerConversationStep("test-garbage", { text: async (ctx) => ({ outcome: `answered:${ctx.step.step}:${String(ctx.step.data.from)}`, messages: [textMessage(`「${ctx.text}」は燃えるごみです。`)] }) });
    registerPostbackHandler("test-day", async (ctx) => ({ outcome: ctx.params.get("area") ?? "", messages: [textMessage(`地区 ${ctx.params.get("area")} の収集日です。${ctx.pickerParams.date ?? ""}`)] }));
    registerLocationHandler({ name: "test-shelter", priority: 1, handle: async (ctx) => (ctx.latitude > 30 ? { outcome: "nearest", messages: [textMessage("最寄りの避難所はみどり小学校です。")] } : null) });

    const userId = await h.resident("伊藤 五郎");
    await h.handlePending();
    await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text: "ｺﾞﾐ検索" });
    expect(await h.handlePending()).toEqual(["intent:test-garbage:asked"]);
    await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text: "乾電池" });
    expect(await h.handlePending()).toEqual(["step:test-garbage:answered:ask-item:intent"]);
    await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text: "乾電池" }); // the step answered once: now the inbox
    expect(await h.handlePending()).toEqual(["inbox"]);
    await h.emulator.admin("POST", `/residents/${userId}/postback`, { data: "action=test-day&area=3", params: { date: "2026-12-01" } });
    await h.emulator.admin("POST", `/residents/${userId}/postback`, { data: "action=nobody-knows" });
    expect(await h.handlePending()).toEqual(["postback:test-day:3", "postback:unknown:nobody-knows"]);
    await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "location", latitude: 35.6, longitude: 139.7, title: "自宅付近" });
    await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "location", latitude: 10, longitude: 10 });
    expect(await h.handlePending()).toEqual(["location:test-shelter:nearest", "inbox"]);
    const sent = texts(await h.sentTo(userId));
    expect(sent).toEqual(expect.arrayContaining(["品目名を入力してください。", "「乾電池」は燃えるごみです。", "地区 3 の収集日です。2026-12-01", "最寄りの避難所はみどり小学校です。"]));
  });

  it("image and file: the content is fetched from LINE and stored with the inbox message; unsend removes it", async () => {
    const userId = await h.resident("渡辺 六子");
    await h.handlePending();
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAE/wH+6V0IRwAAAABJRU5ErkJggg==", "base64");
    const image = await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "image", dataBase64: png.toString("base64"), contentType: "image/png" });
    await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "file", fileName: "申請書.pdf", dataBase64: Buffer.from("%PDF-1.4 test").toString("base64"), contentType: "application/pdf" });
    expect(await h.handlePending()).toEqual(["inbox", "inbox"]);
    const attachments = await t.db.inboxAttachment.findMany({ where: { message: { conversation: { resident: { lineUserId: userId } } } }, orderBy: { createdAt: "asc" } });
    expect(attachments.map((a) => [a.contentType, a.size, a.fileName])).toEqual([["image/png", png.length, null], ["application/pdf", 13, "申請書.pdf"]]);
    expect(Buffer.from(attachments[0]!.data!)).toEqual(png);
    await h.emulator.admin("POST", `/residents/${userId}/unsend`, { messageId: image.json.messageId });
    expect(await h.handlePending()).toEqual(["unsend:removed"]);
    const unsent = await t.db.inboxMessage.findFirstOrThrow({ where: { lineMessageId: image.json.messageId }, include: { attachment: true } });
    expect(unsent.unsentAt).not.toBeNull();
    expect(unsent.attachment).toBeNull();
  });

  it("stores and skips standby-mode events, group events and unknown types", async () => {
    const userId = await h.resident("中村 七海");
    await h.handlePending();
    await h.emulator.admin("PUT", "/webhook", { mode: "standby" });
    try {
      await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text: "待機中" });
    } finally {
      await h.emulator.admin("PUT", "/webhook", { mode: "active" });
    }
    await h.emulator.admin("POST", "/webhook/events", { events: [{ type: "somethingNew", timestamp: Date.now(), mode: "active", webhookEventId: "01J0000000000000000000NEW1", deliveryContext: { isRedelivery: false }, source: { type: "user", userId } }] });
    expect(await h.handlePending()).toEqual(["skipped:standby", "skipped:type:somethingNew"]);
    expect(await t.db.webhookEvent.count({ where: { lineUserId: userId, status: "SKIPPED" } })).toBe(2);
    expect(texts(await h.sentTo(userId)).some((s) => s.includes("お問い合わせ"))).toBe(false);
  });
});
