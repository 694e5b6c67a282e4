// The 相談窓口 against a real database and the emulator: staff replies go out as pushes exactly once
// (retry key), filters and unread counts, assignment, status, notes, and audited views.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedResident, seedStaff } from "@/scripts/test/factories";
import { startChatHarness, type ChatHarness } from "@/lib/webhook/testing/harness";
import { addInboundMessage } from "@/lib/inbox/receive";
import { findConversations, inboxVersion, openConversation } from "@/lib/inbox/conversations";
import { addInboxNote, assignConversation, readAttachment, sendStaffReply, setConversationStatus, viewResidentAttributes } from "@/lib/inbox/manage";
import { sendOutbound } from "@/lib/webhook/outbox";
import { staffLabel } from "@/lib/auth/sessions";

const t = useTestDatabase();
let h: ChatHarness;

beforeAll(async () => {
  h = await startChatHarness(t.db, t.url);
});
afterAll(async () => {
  await h?.close();
});

async function actorFor(roles: ("EDITOR" | "VIEWER")[] = ["EDITOR"]) {
  const staff = await seedStaff(t.db, { roles });
  return { ...staff, label: staffLabel(staff) };
}

async function residentWithQuestion(text: string) {
  const userId = await h.resident("相談 花子");
  await h.handlePending();
  await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text });
  await h.handlePending();
  const resident = await t.db.resident.findUniqueOrThrow({ where: { lineUserId: userId }, include: { conversation: true } });
  return { userId, resident, conversationId: resident.conversation!.id };
}

describe("[INBOX] staff work", () => {
  it("a reply is pushed once with its record's id as retry key; whoever answers takes the conversation", async () => {
    const staff = await actorFor();
    const { userId, conversationId } = await residentWithQuestion("ごみ袋はどこで買えますか");
    const result = await sendStaffReply(t.db, { input: { conversationId, text: "市内のスーパーで販売しています。" }, actor: staff });
    expect(result.delivery).toBe("sent");
    const pushes = (await h.sentTo(userId)).filter((s) => s.endpoint === "push");
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.retryKey).toBe(result.outboundId);
    expect(await sendOutbound(t.db, result.outboundId)).toBe("already-sent");
    const conversation = await t.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation).toMatchObject({ assignedToId: staff.id, unreadCount: 0, preview: "市内のスーパーで販売しています。" });
    expect(await t.db.auditLog.count({ where: { action: "inbox.reply", targetId: conversationId, actorId: staff.id } })).toBe(1);
  });

  it("when LINE fails, the reply stays pending and a later attempt delivers it exactly once", async () => {
    const staff = await actorFor();
    const { userId, conversationId } = await residentWithQuestion("道路の穴について");
    await h.emulator.admin("PUT", "/faults/pushMessage", { dropAfterAcceptNext: 1 });
    const retried: string[] = [];
    const result = await sendStaffReply(t.db, { input: { conversationId, text: "現地を確認します。" }, actor: staff, retryJob: async (id) => retried.push(id) });
    expect(result.delivery).toBe("retrying");
    expect(retried).toEqual([result.outboundId]);
    await t.db.outboundMessage.update({ where: { id: result.outboundId }, data: { lockedUntil: null } });
    expect(await sendOutbound(t.db, result.outboundId)).toBe("sent"); // 409: already accepted
    const delivered = (await h.sentTo(userId)).filter((s) => s.endpoint === "push" && s.messages.some((m) => m.text === "現地を確認します。"));
    expect(delivered).toHaveLength(1);
    const view = await openConversation(t.db, { id: conversationId });
    const item = view!.items.find((i) => i.kind === "message" && i.direction === "OUTBOUND");
    expect(item?.kind === "message" && item.delivery?.status).toBe("SENT");
  });

  it("refuses to reply to a resident who blocked the account", async () => {
    const staff = await actorFor();
    const { resident, conversationId } = await residentWithQuestion("ブロック前の質問");
    await t.db.resident.update({ where: { id: resident.id }, data: { followStatus: "BLOCKED" } });
    await expect(sendStaffReply(t.db, { input: { conversationId, text: "届かない返信" }, actor: staff })).rejects.toThrow(/ブロック/);
    expect(await t.db.inboxMessage.count({ where: { text: "届かない返信" } })).toBe(0);
  });

  it("filters (unassigned, mine, resolved) with unread counts; opening marks read; the version changes", async () => {
    const me = await actorFor();
    const other = await actorFor();
    const a = await seedResident(t.db);
    const b = await seedResident(t.db);
    const at = new Date();
    const first = await addInboundMessage(t.db, { residentId: a.id, lineMessageId: `m-${a.id}`, kind: "TEXT", text: "A の質問", at });
    await addInboundMessage(t.db, { residentId: a.id, lineMessageId: `m2-${a.id}`, kind: "TEXT", text: "A の追加", at: new Date(at.getTime() + 1000) });
    const second = await addInboundMessage(t.db, { residentId: b.id, lineMessageId: `m-${b.id}`, kind: "TEXT", text: "B の質問", at });
    expect(first.acknowledge).toBe(true);
    const before = await inboxVersion(t.db);
    await assignConversation(t.db, { input: { conversationId: second.conversationId, assigneeId: me.id }, actor: me });
    const mine = await findConversations(t.db, { filter: "mine", staffId: me.id, page: 1 });
    expect(mine.rows.map((r) => r.id)).toEqual([second.conversationId]);
    expect(mine.rows[0]!.assignedToName).toBe(me.name);
    const unassigned = await findConversations(t.db, { filter: "unassigned", staffId: other.id, page: 1 });
    expect(unassigned.rows.map((r) => r.id)).toContain(first.conversationId);
    expect(unassigned.rows.find((r) => r.id === first.conversationId)?.unreadCount).toBe(2);
    expect(await inboxVersion(t.db)).not.toBe(before);

    const opened = await openConversation(t.db, { id: first.conversationId });
    expect(opened!.items.map((i) => (i.kind === "message" ? i.text : null))).toEqual(["A の質問", "A の追加"]);
    expect((await t.db.conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).unreadCount).toBe(0);

    await setConversationStatus(t.db, { input: { conversationId: first.conversationId, status: "RESOLVED" }, actor: me });
    await expect(setConversationStatus(t.db, { input: { conversationId: first.conversationId, status: "RESOLVED" }, actor: me })).rejects.toThrow(/すでに対応済み/);
    expect((await findConversations(t.db, { filter: "resolved", staffId: me.id, page: 1 })).rows.map((r) => r.id)).toContain(first.conversationId);
    // A new message reopens a resolved conversation and is acknowledged again.
    const again = await addInboundMessage(t.db, { residentId: a.id, lineMessageId: `m3-${a.id}`, kind: "TEXT", text: "まだ困っています", at: new Date(at.getTime() + 2000) });
    expect(again.acknowledge).toBe(true);
    expect((await t.db.conversation.findUniqueOrThrow({ where: { id: first.conversationId } })).status).toBe("OPEN");
    await expect(assignConversation(t.db, { input: { conversationId: first.conversationId, assigneeId: (await actorFor(["VIEWER"])).id }, actor: me })).rejects.toThrow(/担当できる職員/);
  });

  it("notes stay internal; viewing registered attributes and attachments is audited", async () => {
    const staff = await actorFor();
    const resident = await seedResident(t.db, { registered: true });
    const { conversationId, messageId } = await addInboundMessage(t.db, { residentId: resident.id, lineMessageId: `img-${resident.id}`, kind: "IMAGE", at: new Date() });
    const attachment = await t.db.inboxAttachment.create({ data: { messageId: messageId!, contentType: "image/png", size: 3, data: new Uint8Array([1, 2, 3]) } });
    await addInboxNote(t.db, { input: { conversationId, body: "写真は市道の件" }, actor: staff });
    const view = await openConversation(t.db, { id: conversationId });
    expect(view!.items.some((i) => i.kind === "note" && i.body === "写真は市道の件" && i.authorName === staff.name)).toBe(true);
    expect(await t.db.outboundMessage.count({ where: { residentId: resident.id } })).toBe(0);

    const attributes = await viewResidentAttributes(t.db, { conversationId, actor: staff });
    expect(attributes.registeredAt).not.toBeNull();
    expect(await t.db.auditLog.count({ where: { action: "inbox.view-resident", targetId: resident.id, actorId: staff.id } })).toBe(1);
    const file = await readAttachment(t.db, { id: attachment.id, actor: staff });
    expect(Array.from(file!.data!)).toEqual([1, 2, 3]);
    expect(await t.db.auditLog.count({ where: { action: "inbox.view-attachment", targetId: attachment.id } })).toBe(1);
  });
});
