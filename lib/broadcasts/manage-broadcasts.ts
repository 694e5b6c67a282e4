// The broadcast lifecycle (two-person rule): an editor saves drafts and submits; an approver who is
// not the author approves or returns with a comment; 防災担当 may send an emergency (防災アラート)
// broadcast without a second person. Each step checks the state with a conditional update (double
// clicks and two browsers are harmless) and is audited in the same transaction. Once submitted, the
// content and target never change: a sent broadcast is immutable (copy it to send something similar).
import { z } from "@/lib/zod";
import type { Db } from "@/lib/db";
import type { StaffRole } from "@/generated/prisma/enums";
import { Prisma } from "@/generated/prisma/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { hasPermission } from "@/lib/auth/permissions";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { LineMessageError } from "@/lib/line/messages";
import { broadcastContentSchema, imageIdsOf, readContent, usesEmergencyTemplate, type BroadcastContent } from "@/lib/broadcasts/content";
import { buildLineMessages } from "@/lib/broadcasts/line-messages";
import { lineMessageContext } from "@/lib/broadcasts/message-context";
import { nextOccurrence, recurrenceSchema, type Recurrence } from "@/lib/broadcasts/schedule";
import { EDITABLE_STATUSES } from "@/lib/broadcasts/statuses";
import { parseSegmentFilter, EVERYONE } from "@/lib/segments/filter";
import { countSegment } from "@/lib/segments/segment-index";

export type BroadcastActor = AuditActor & { id: string; roles: readonly StaffRole[] };

/** "2026-12-01T09:00" typed in a datetime-local field, read as Japan time. */
export function parseJapanDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00+09:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function toJapanDateTimeInput(date: Date): string {
  return new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 16);
}

export const scheduleInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("NOW") }),
  z.object({ kind: z.literal("AT"), at: z.string().refine((v) => parseJapanDateTime(v) !== null, "配信日時を入力してください") }),
  z.object({ kind: z.literal("RECURRING"), recurrence: recurrenceSchema }),
]);
export type ScheduleInput = z.infer<typeof scheduleInputSchema>;

export const broadcastDraftSchema = z.object({
  title: z.string().trim().min(1, "件名（管理用）を入力してください").max(100, "件名は100文字以内にしてください"),
  content: broadcastContentSchema,
  /** null = every friend. */
  segmentId: z.uuid().nullable(),
  schedule: scheduleInputSchema,
  notificationDisabled: z.boolean(),
  /** Send even within quiet hours (non-emergency sends are otherwise held until they end). */
  sendDuringQuietHours: z.boolean().default(false),
});
export type BroadcastDraftInput = z.infer<typeof broadcastDraftSchema>;

function invalid(userMessage: string): AppError {
  return new AppError("INVALID_INPUT", { userMessage });
}

/** Builds every variant as LINE messages: what LINE would reject is refused here, in Japanese. */
export function checkContentBuilds(content: BroadcastContent): void {
  try {
    buildLineMessages(content, lineMessageContext());
  } catch (error) {
    if (error instanceof LineMessageError) {
      throw invalid(`LINE の制限を満たしていないメッセージがあります（${error.message}）。内容を確認してください。`);
    }
    throw error;
  }
}

async function checkReferences(db: Db, input: BroadcastDraftInput): Promise<{ segmentName: string | null }> {
  const images = imageIdsOf(input.content);
  if (images.length > 0) {
    const found = await db.broadcastImage.count({ where: { id: { in: images } } });
    if (found !== images.length) throw invalid("選んだ画像が見つかりません。画像を選び直してください。");
  }
  if (input.segmentId === null) return { segmentName: null };
  const segment = await db.segment.findFirst({ where: { id: input.segmentId, archivedAt: null }, select: { name: true } });
  if (!segment) throw invalid("選んだセグメントが見つかりません。配信先を選び直してください。");
  return { segmentName: segment.name };
}

function scheduleColumns(schedule: ScheduleInput) {
  if (schedule.kind === "NOW") return { scheduleKind: "NOW" as const, scheduledAt: null, recurrence: Prisma.DbNull };
  if (schedule.kind === "AT") return { scheduleKind: "AT" as const, scheduledAt: parseJapanDateTime(schedule.at)!, recurrence: Prisma.DbNull };
  return { scheduleKind: "RECURRING" as const, scheduledAt: null, recurrence: schedule.recurrence as Recurrence as Prisma.InputJsonValue };
}

/** Creates a draft, or saves the author's draft (or returned broadcast) again. */
export async function saveBroadcastDraft(db: Db, options: { broadcastId?: string; input: z.input<typeof broadcastDraftSchema>; actor: BroadcastActor }): Promise<{ id: string }> {
  const input = broadcastDraftSchema.parse(options.input);
  checkContentBuilds(input.content);
  const { segmentName } = await checkReferences(db, input);
  const data = {
    title: input.title,
    content: input.content as Prisma.InputJsonValue,
    emergency: usesEmergencyTemplate(input.content),
    notificationDisabled: input.notificationDisabled,
    sendDuringQuietHours: input.sendDuringQuietHours,
    segmentId: input.segmentId,
    targetLabel: segmentName ?? "全員",
    ...scheduleColumns(input.schedule),
  };
  return db.$transaction(async (tx) => {
    if (!options.broadcastId) {
      const created = await tx.broadcast.create({ data: { ...data, createdById: options.actor.id } });
      await writeAudit(tx, { actor: options.actor, action: "broadcast.create", target: { type: "broadcast", id: created.id }, summary: { title: created.title, target: created.targetLabel } });
      return { id: created.id };
    }
    const updated = await tx.broadcast.updateMany({
      where: { id: options.broadcastId, createdById: options.actor.id, status: { in: [...EDITABLE_STATUSES] } },
      data,
    });
    if (updated.count === 0) {
      throw new AppError("INVALID_STATE", { userMessage: "この配信は編集できません。承認依頼後の配信や、ほかの職員が作成した配信は変更できません。" });
    }
    await writeAudit(tx, { actor: options.actor, action: "broadcast.update", target: { type: "broadcast", id: options.broadcastId }, summary: { title: input.title, target: data.targetLabel } });
    return { id: options.broadcastId };
  });
}

/** The time the first run is due, from the schedule (null: the recurrence has already ended). */
export function firstRunAt(broadcast: { scheduleKind: "NOW" | "AT" | "RECURRING"; scheduledAt: Date | null; recurrence: unknown }, now: Date): Date | null {
  if (broadcast.scheduleKind === "NOW") return now;
  if (broadcast.scheduleKind === "AT") return broadcast.scheduledAt;
  const recurrence = recurrenceSchema.safeParse(broadcast.recurrence);
  return recurrence.success ? nextOccurrence(recurrence.data, now) : null;
}

/** What LINE says about the messages (the validate endpoint); throws AppError with LINE's reasons. */
export type LineValidator = (content: BroadcastContent) => Promise<void>;

/** Submits the author's draft for approval, freezing the target filter. */
export async function submitBroadcast(db: Db, options: { broadcastId: string; actor: BroadcastActor; validate: LineValidator; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  const broadcast = await db.broadcast.findUnique({ where: { id: options.broadcastId }, include: { segment: true } });
  if (!broadcast || broadcast.createdById !== options.actor.id || !(EDITABLE_STATUSES as readonly string[]).includes(broadcast.status)) {
    throw new AppError("INVALID_STATE", { userMessage: "この配信は承認依頼できません。自分が作成した下書きか、差し戻された配信だけが承認依頼できます。" });
  }
  const content = broadcastContentSchema.safeParse(broadcast.content);
  if (!content.success) throw invalid("メッセージの内容が不完全です。編集画面で確認してください。");
  checkContentBuilds(content.data);
  if (broadcast.segmentId && (!broadcast.segment || broadcast.segment.archivedAt)) throw invalid("配信先のセグメントが削除されています。配信先を選び直してください。");
  const first = firstRunAt(broadcast, now);
  if (!first) throw invalid("繰り返しの終了日が過ぎています。配信日時を見直してください。");
  if (broadcast.scheduleKind === "AT" && first.getTime() < now.getTime() + 60_000) throw invalid("配信日時は1分以上先にしてください。");
  await options.validate(content.data);
  const targetFilter = broadcast.segment ? (parseSegmentFilter(broadcast.segment.filter) as Prisma.InputJsonValue) : undefined;
  await db.$transaction(async (tx) => {
    const updated = await tx.broadcast.updateMany({
      where: { id: broadcast.id, createdById: options.actor.id, status: { in: [...EDITABLE_STATUSES] }, updatedAt: broadcast.updatedAt },
      data: {
        status: "PENDING_APPROVAL",
        submittedAt: now,
        targetFilter: targetFilter ?? Prisma.DbNull,
        targetLabel: broadcast.segment?.name ?? "全員",
        returnComment: null,
        returnedById: null,
        returnedAt: null,
      },
    });
    if (updated.count === 0) throw new AppError("CONFLICT", { userMessage: "ほかの操作と重なりました。画面を再読み込みしてから、もう一度お試しください。" });
    await writeAudit(tx, { actor: options.actor, action: "broadcast.submit", target: { type: "broadcast", id: broadcast.id }, summary: { title: broadcast.title, target: broadcast.segment?.name ?? "全員" } });
  });
}

export type ApproveResult = { nextRunAt: Date; recipients: number };

/** The second person approves: not the author; the recipient count they saw is recorded. */
export async function approveBroadcast(db: Db, options: { broadcastId: string; actor: BroadcastActor; now?: Date }): Promise<ApproveResult> {
  const now = options.now ?? new Date();
  const broadcast = await db.broadcast.findUnique({ where: { id: options.broadcastId } });
  if (!broadcast || broadcast.status !== "PENDING_APPROVAL") throw new AppError("INVALID_STATE", { userMessage: "この配信は承認できる状態ではありません。画面を再読み込みしてください。" });
  if (broadcast.createdById === options.actor.id) throw new AppError("FORBIDDEN", { userMessage: "自分が作成した配信は承認できません。ほかの承認者に依頼してください。" });
  const nextRunAt = firstRunAt(broadcast, now);
  if (!nextRunAt) throw invalid("繰り返しの終了日が過ぎています。差し戻して配信日時を見直してもらってください。");
  const runAt = nextRunAt.getTime() < now.getTime() ? now : nextRunAt;
  const filter = broadcast.targetFilter ? parseSegmentFilter(broadcast.targetFilter) : EVERYONE;
  const { count } = await countSegment(db, filter, { sendDate: runAt });
  await db.$transaction(async (tx) => {
    const claimed = await tx.broadcast.updateMany({
      where: { id: broadcast.id, status: "PENDING_APPROVAL", createdById: { not: options.actor.id }, updatedAt: broadcast.updatedAt },
      data: { status: "APPROVED", approvedById: options.actor.id, approvedAt: now, nextRunAt: runAt, approvedRecipients: count },
    });
    if (claimed.count === 0) throw new AppError("INVALID_STATE", { userMessage: "この配信は承認できる状態ではありません。画面を再読み込みしてください。" });
    await writeAudit(tx, {
      actor: options.actor,
      action: "broadcast.approve",
      target: { type: "broadcast", id: broadcast.id },
      summary: { title: broadcast.title, target: broadcast.targetLabel, recipients: count, nextRunAt: runAt.toISOString() },
    });
  });
  return { nextRunAt: runAt, recipients: count };
}

export const returnCommentSchema = z.string().trim().min(1, "差し戻しの理由を入力してください").max(1000, "理由は1000文字以内にしてください");

export async function returnBroadcast(db: Db, options: { broadcastId: string; comment: string; actor: BroadcastActor; now?: Date }): Promise<void> {
  const comment = returnCommentSchema.parse(options.comment);
  await db.$transaction(async (tx) => {
    const returned = await tx.broadcast.updateMany({
      where: { id: options.broadcastId, status: "PENDING_APPROVAL", createdById: { not: options.actor.id } },
      data: { status: "RETURNED", returnComment: comment, returnedById: options.actor.id, returnedAt: options.now ?? new Date() },
    });
    if (returned.count === 0) throw new AppError("INVALID_STATE", { userMessage: "この配信は差し戻せる状態ではありません。画面を再読み込みしてください。" });
    await writeAudit(tx, { actor: options.actor, action: "broadcast.return", target: { type: "broadcast", id: options.broadcastId }, summary: { comment } });
  });
}

/**
 * 防災担当's emergency send: their own draft with the 防災アラート template, approved by themselves
 * (marked: approvedById = createdById, audited as broadcast.send-emergency) and due now, quiet hours
 * or not. The caller starts it (startBroadcastNow).
 */
export async function approveEmergencyBroadcast(db: Db, options: { broadcastId: string; actor: BroadcastActor; validate: LineValidator; now?: Date }): Promise<ApproveResult> {
  const now = options.now ?? new Date();
  if (!hasPermission(options.actor.roles, "broadcasts.send-emergency")) throw new AppError("FORBIDDEN", { userMessage: "緊急配信を送る権限がありません。" });
  const broadcast = await db.broadcast.findUnique({ where: { id: options.broadcastId } });
  if (!broadcast || broadcast.createdById !== options.actor.id || !(EDITABLE_STATUSES as readonly string[]).includes(broadcast.status)) {
    throw new AppError("INVALID_STATE", { userMessage: "この配信は緊急配信できません。自分が作成した下書きだけを緊急配信できます。" });
  }
  const content = readContent(broadcast.content);
  if (!usesEmergencyTemplate(content)) throw invalid("承認なしで送れるのは「防災アラート」のテンプレートを使った配信だけです。");
  checkContentBuilds(content);
  await options.validate(content);
  const segment = broadcast.segmentId ? await db.segment.findUnique({ where: { id: broadcast.segmentId } }) : null;
  if (broadcast.segmentId && (!segment || segment.archivedAt)) throw invalid("配信先のセグメントが削除されています。配信先を選び直してください。");
  const filter = segment ? parseSegmentFilter(segment.filter) : EVERYONE;
  const { count } = await countSegment(db, filter, { sendDate: now });
  const P = Prisma;
  await db.$transaction(async (tx) => {
    const claimed = await tx.broadcast.updateMany({
      where: { id: broadcast.id, createdById: options.actor.id, status: { in: [...EDITABLE_STATUSES] }, updatedAt: broadcast.updatedAt },
      data: {
        status: "APPROVED",
        emergency: true,
        scheduleKind: "NOW",
        scheduledAt: null,
        recurrence: P.DbNull,
        submittedAt: now,
        approvedById: options.actor.id,
        approvedAt: now,
        nextRunAt: now,
        approvedRecipients: count,
        targetFilter: segment ? (filter as Prisma.InputJsonValue) : P.DbNull,
        targetLabel: segment?.name ?? "全員",
      },
    });
    if (claimed.count === 0) throw new AppError("CONFLICT", { userMessage: "ほかの操作と重なりました。画面を再読み込みしてから、もう一度お試しください。" });
    await writeAudit(tx, {
      actor: options.actor,
      action: "broadcast.send-emergency",
      target: { type: "broadcast", id: broadcast.id },
      summary: { title: broadcast.title, target: segment?.name ?? "全員", recipients: count, approval: "防災担当による承認なしの緊急配信" },
    });
  });
  return { nextRunAt: now, recipients: count };
}

/**
 * Cancels a broadcast that has not been sent, a recurring series, or the rest of a send in progress
 * (batches not yet sent are canceled; the ones LINE already accepted cannot be called back).
 */
export async function cancelBroadcast(db: Db, options: { broadcastId: string; actor: BroadcastActor; now?: Date }): Promise<{ stoppedBatches: number }> {
  const now = options.now ?? new Date();
  const broadcast = await db.broadcast.findUnique({ where: { id: options.broadcastId } });
  if (!broadcast) throw new AppError("NOT_FOUND", { userMessage: "配信が見つかりませんでした。" });
  const mayCancel = broadcast.createdById === options.actor.id || hasPermission(options.actor.roles, "broadcasts.approve");
  if (!mayCancel) throw new AppError("FORBIDDEN", { userMessage: "この配信を取り消せるのは、作成した職員か承認者です。" });
  return db.$transaction(async (tx) => {
    const canceled = await tx.broadcast.updateMany({
      where: { id: broadcast.id, status: { in: ["DRAFT", "PENDING_APPROVAL", "RETURNED", "APPROVED", "SENDING"] } },
      data: { status: "CANCELED", canceledById: options.actor.id, canceledAt: now, nextRunAt: null },
    });
    if (canceled.count === 0) throw new AppError("INVALID_STATE", { userMessage: "この配信はすでに完了しているため、取り消せません。" });
    let stoppedBatches = 0;
    const running = await tx.deliveryRun.findMany({ where: { broadcastId: broadcast.id, status: "SENDING" }, select: { id: true } });
    for (const run of running) {
      // No further slices of batches are made (prepare-run.ts) once the run is canceled.
      await tx.deliveryRun.update({ where: { id: run.id }, data: { status: "CANCELED", canceledAt: now }, select: { id: true } });
      await tx.deliveryRun.updateMany({ where: { id: run.id, preparedAt: null }, data: { preparedAt: now, selectionBits: null } });
      const stopped = await tx.deliveryBatch.updateMany({ where: { runId: run.id, status: "PENDING" }, data: { status: "CANCELED" } });
      stoppedBatches += stopped.count;
    }
    await writeAudit(tx, {
      actor: options.actor,
      action: "broadcast.cancel",
      target: { type: "broadcast", id: broadcast.id },
      summary: { title: broadcast.title, previousStatus: broadcast.status, stoppedBatches },
    });
    return { stoppedBatches };
  });
}

/** A new draft with the same content and target (sent broadcasts stay as they were). */
export async function duplicateBroadcast(db: Db, options: { broadcastId: string; actor: BroadcastActor }): Promise<{ id: string }> {
  const source = await db.broadcast.findUnique({ where: { id: options.broadcastId } });
  if (!source) throw new AppError("NOT_FOUND", { userMessage: "配信が見つかりませんでした。" });
  return db.$transaction(async (tx) => {
    const created = await tx.broadcast.create({
      data: {
        title: `${source.title}（コピー）`.slice(0, 100),
        content: source.content as Prisma.InputJsonValue,
        emergency: usesEmergencyTemplate(readContent(source.content)),
        notificationDisabled: source.notificationDisabled,
        sendDuringQuietHours: source.sendDuringQuietHours,
        segmentId: source.segmentId,
        targetLabel: source.targetLabel,
        scheduleKind: source.scheduleKind === "AT" ? "NOW" : source.scheduleKind,
        recurrence: source.recurrence === null ? Prisma.DbNull : (source.recurrence as Prisma.InputJsonValue),
        createdById: options.actor.id,
      },
    });
    await writeAudit(tx, { actor: options.actor, action: "broadcast.create", target: { type: "broadcast", id: created.id }, summary: { title: created.title, copiedFrom: source.id } });
    return { id: created.id };
  });
}

/** Quiet hours as configured (lib/env.ts BROADCAST_QUIET_HOURS). */
export function quietHoursSetting(): string {
  return env().BROADCAST_QUIET_HOURS;
}
