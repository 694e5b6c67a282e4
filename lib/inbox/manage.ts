// What staff do in the 相談窓口: reply (push, exactly once with a retry key), assign, resolve and
// reopen, internal notes, reply templates; and views of personal data (the resident's registered
// attributes, attachments) — each audited.
import { z } from "@/lib/zod";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { hasPermission } from "@/lib/auth/permissions";
import { LINE_TEXT_MAX_LENGTH, textMessage, type LineMessage } from "@/lib/line/messages";
import { enqueue } from "@/lib/jobs/boss";
import { previewOf } from "@/lib/inbox/receive";
import { OutboundRetryLater, queueOutbound, sendOutbound } from "@/lib/webhook/outbox";
import { sendOutboundJob } from "@/lib/webhook/jobs";
import type { Prisma } from "@/generated/prisma/client";

export const sendReplySchema = z.object({
  conversationId: z.uuid(),
  text: z.string().trim().min(1, "返信の本文を入力してください。").max(LINE_TEXT_MAX_LENGTH, `返信は${LINE_TEXT_MAX_LENGTH}文字以内で入力してください。`),
});
export type SendReplyInput = z.infer<typeof sendReplySchema>;

const NOT_FOUND = "この相談は見つかりませんでした。一覧から選び直してください。";

export type SendReplyResult = { inboxMessageId: string; outboundId: string; delivery: "sent" | "retrying" | "failed" };

/**
 * Sends a staff reply as a push (a reply token is long gone by the time staff answer). The message
 * and the send record are written first; the push uses the record's id as X-Line-Retry-Key, so a
 * retry (here or by the line.send-outbound job) never delivers twice.
 */
export async function sendStaffReply(db: Db, { input, actor, retryJob }: { input: SendReplyInput; actor: AuditActor & { id: string }; retryJob?: (outboundId: string) => Promise<unknown> }): Promise<SendReplyResult> {
  const messages: LineMessage[] = [textMessage(input.text)];
  const { inboxMessageId, outboundId } = await db.$transaction(async (tx) => {
    const conversation = await tx.conversation.findUnique({ where: { id: input.conversationId }, select: { id: true, assignedToId: true, resident: { select: { id: true, lineUserId: true, followStatus: true } } } });
    if (!conversation) throw new AppError("NOT_FOUND", { userMessage: NOT_FOUND });
    if (conversation.resident.followStatus === "BLOCKED") {
      throw new AppError("INVALID_STATE", { userMessage: "この住民はアカウントをブロックしているため、返信を届けられません。" });
    }
    const now = new Date();
    const message = await tx.inboxMessage.create({
      data: { conversationId: conversation.id, direction: "OUTBOUND", kind: "TEXT", text: input.text, payload: messages as unknown as Prisma.InputJsonValue, sentById: actor.id, createdAt: now },
      select: { id: true },
    });
    const outboundId = await queueOutbound(tx, { lineUserId: conversation.resident.lineUserId, residentId: conversation.resident.id, purpose: "staff-reply", messages, inboxMessageId: message.id });
    await tx.conversation.update({
      where: { id: conversation.id },
      // Whoever answers an unassigned conversation takes it.
      data: { lastMessageAt: now, preview: previewOf("TEXT", input.text), unreadCount: 0, ...(conversation.assignedToId ? {} : { assignedToId: actor.id }) },
    });
    await writeAudit(tx, { actor, action: "inbox.reply", target: { type: "conversation", id: conversation.id }, summary: { inboxMessageId: message.id, length: input.text.length } });
    return { inboxMessageId: message.id, outboundId };
  });
  try {
    const result = await sendOutbound(db, outboundId);
    return { inboxMessageId, outboundId, delivery: result === "failed" ? "failed" : "sent" };
  } catch (error) {
    if (!(error instanceof OutboundRetryLater)) throw error;
    // The row stays PENDING; if enqueueing fails too, webhook.dispatch-stale picks it up.
    await (retryJob ?? ((id: string) => enqueue(sendOutboundJob, { outboundId: id })))(outboundId).catch(() => undefined);
    return { inboxMessageId, outboundId, delivery: "retrying" };
  }
}

export const assignSchema = z.object({ conversationId: z.uuid(), assigneeId: z.union([z.literal(""), z.uuid()]).transform((v) => v || null) });

export async function assignConversation(db: Db, { input, actor }: { input: z.infer<typeof assignSchema>; actor: AuditActor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const conversation = await tx.conversation.findUnique({ where: { id: input.conversationId }, select: { assignedToId: true } });
    if (!conversation) throw new AppError("NOT_FOUND", { userMessage: NOT_FOUND });
    if (input.assigneeId) {
      const staff = await tx.staff.findUnique({ where: { id: input.assigneeId }, select: { active: true, roles: true } });
      if (!staff?.active || !hasPermission(staff.roles, "inbox.reply")) throw new AppError("INVALID_INPUT", { userMessage: "相談窓口を担当できる職員を選んでください。" });
    }
    await tx.conversation.update({ where: { id: input.conversationId }, data: { assignedToId: input.assigneeId } });
    await writeAudit(tx, { actor, action: "inbox.assign", target: { type: "conversation", id: input.conversationId }, summary: { before: conversation.assignedToId, after: input.assigneeId } });
  });
}

export const statusSchema = z.object({ conversationId: z.uuid(), status: z.enum(["OPEN", "RESOLVED"]) });

export async function setConversationStatus(db: Db, { input, actor }: { input: z.infer<typeof statusSchema>; actor: AuditActor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.conversation.updateMany({
      where: { id: input.conversationId, status: input.status === "OPEN" ? "RESOLVED" : "OPEN" },
      data: input.status === "RESOLVED" ? { status: "RESOLVED", resolvedAt: new Date(), unreadCount: 0 } : { status: "OPEN", resolvedAt: null },
    });
    if (updated.count === 0) {
      const exists = await tx.conversation.count({ where: { id: input.conversationId } });
      throw new AppError(exists ? "INVALID_STATE" : "NOT_FOUND", { userMessage: exists ? (input.status === "RESOLVED" ? "この相談はすでに対応済みです。" : "この相談はすでに対応中です。") : NOT_FOUND });
    }
    await writeAudit(tx, { actor, action: input.status === "RESOLVED" ? "inbox.resolve" : "inbox.reopen", target: { type: "conversation", id: input.conversationId } });
  });
}

export const noteSchema = z.object({ conversationId: z.uuid(), body: z.string().trim().min(1, "メモを入力してください。").max(2000, "メモは2,000文字以内で入力してください。") });

export async function addInboxNote(db: Db, { input, actor }: { input: z.infer<typeof noteSchema>; actor: AuditActor & { id: string } }): Promise<void> {
  await db.$transaction(async (tx) => {
    const exists = await tx.conversation.count({ where: { id: input.conversationId } });
    if (!exists) throw new AppError("NOT_FOUND", { userMessage: NOT_FOUND });
    const note = await tx.inboxNote.create({ data: { conversationId: input.conversationId, authorId: actor.id, body: input.body }, select: { id: true } });
    // Touch the conversation so other staff's screens refresh.
    await tx.conversation.update({ where: { id: input.conversationId }, data: { updatedAt: new Date() } });
    await writeAudit(tx, { actor, action: "inbox.note", target: { type: "conversation", id: input.conversationId }, summary: { noteId: note.id } });
  });
}

export type ResidentAttributes = {
  displayName: string | null;
  followStatus: "FOLLOWING" | "BLOCKED";
  followedAt: Date | null;
  registeredAt: Date | null;
  district: string | null;
  birthYear: number | null;
  birthMonth: number | null;
  gender: string | null;
  preferredLanguage: string;
};

/** The resident's registered attributes, for a staff member answering them. Audited. */
export async function viewResidentAttributes(db: Db, { conversationId, actor }: { conversationId: string; actor: AuditActor }): Promise<ResidentAttributes> {
  return db.$transaction(async (tx) => {
    const conversation = await tx.conversation.findUnique({
      where: { id: conversationId },
      select: {
        resident: {
          select: { id: true, displayName: true, followStatus: true, followedAt: true, registeredAt: true, birthYear: true, birthMonth: true, gender: true, preferredLanguage: true, district: { select: { name: true } } },
        },
      },
    });
    if (!conversation) throw new AppError("NOT_FOUND", { userMessage: NOT_FOUND });
    const r = conversation.resident;
    await writeAudit(tx, { actor, action: "inbox.view-resident", target: { type: "resident", id: r.id }, summary: { conversationId } });
    return {
      displayName: r.displayName,
      followStatus: r.followStatus,
      followedAt: r.followedAt,
      registeredAt: r.registeredAt,
      district: r.district?.name ?? null,
      birthYear: r.birthYear,
      birthMonth: r.birthMonth,
      gender: r.gender,
      preferredLanguage: r.preferredLanguage,
    };
  });
}

/** An attachment's content for a staff member (audited), or null. */
export async function readAttachment(db: Db, { id, actor }: { id: string; actor: AuditActor }) {
  return db.$transaction(async (tx) => {
    const attachment = await tx.inboxAttachment.findUnique({ where: { id }, select: { id: true, contentType: true, fileName: true, data: true, message: { select: { conversationId: true } } } });
    if (!attachment?.data) return null;
    await writeAudit(tx, { actor, action: "inbox.view-attachment", target: { type: "inbox-attachment", id }, summary: { conversationId: attachment.message.conversationId } });
    return attachment;
  });
}

export const replyTemplateSchema = z.object({
  id: z.union([z.literal(""), z.uuid()]).optional().transform((v) => v || undefined),
  title: z.string().trim().min(1, "定型文の名前を入力してください。").max(60, "名前は60文字以内で入力してください。"),
  body: z.string().trim().min(1, "本文を入力してください。").max(LINE_TEXT_MAX_LENGTH, `本文は${LINE_TEXT_MAX_LENGTH}文字以内で入力してください。`),
  sortOrder: z.coerce.number().int().min(0).max(9999).catch(0),
});

export async function saveReplyTemplate(db: Db, { input, actor }: { input: z.infer<typeof replyTemplateSchema>; actor: AuditActor }): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const data = { title: input.title, body: input.body, sortOrder: input.sortOrder };
    if (input.id && !(await tx.replyTemplate.count({ where: { id: input.id } }))) throw new AppError("NOT_FOUND", { userMessage: "この定型文は見つかりませんでした。" });
    const saved = input.id ? await tx.replyTemplate.update({ where: { id: input.id }, data, select: { id: true } }) : await tx.replyTemplate.create({ data, select: { id: true } });
    await writeAudit(tx, { actor, action: "inbox.template.save", target: { type: "reply-template", id: saved.id }, summary: { title: input.title } });
    return saved;
  });
}

export async function deleteReplyTemplate(db: Db, { id, actor }: { id: string; actor: AuditActor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const template = await tx.replyTemplate.findUnique({ where: { id }, select: { title: true } });
    if (!template) throw new AppError("NOT_FOUND", { userMessage: "この定型文は見つかりませんでした。" });
    await tx.replyTemplate.delete({ where: { id } });
    await writeAudit(tx, { actor, action: "inbox.template.delete", target: { type: "reply-template", id }, summary: { title: template.title } });
  });
}
