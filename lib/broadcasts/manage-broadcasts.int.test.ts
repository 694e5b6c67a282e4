// The two-person rule and the broadcast lifecycle against a real database.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedStaff } from "@/scripts/test/factories";
import { resetEnvCache } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  approveBroadcast,
  approveEmergencyBroadcast,
  cancelBroadcast,
  returnBroadcast,
  saveBroadcastDraft,
  submitBroadcast,
  type BroadcastActor,
} from "@/lib/broadcasts/manage-broadcasts";
import { saveSegment } from "@/lib/segments/manage-segments";
import { startDeliveryRun } from "@/lib/delivery/start-run";
import { SYSTEM_ACTOR } from "@/lib/audit/write-audit";
import type { StaffRole } from "@/generated/prisma/enums";

const t = useTestDatabase();
const lineAccepts = async () => undefined;

async function actor(role: StaffRole): Promise<BroadcastActor> {
  const s = await seedStaff(t.db, { roles: [role] });
  return { id: s.id, label: s.name, roles: s.roles };
}

const text = (value: string) => ({ variants: { ja: [{ type: "text" as const, text: value }] } });
const draftInput = (title: string, extra: Partial<Parameters<typeof saveBroadcastDraft>[1]["input"]> = {}) => ({
  title,
  segmentId: null,
  notificationDisabled: false,
  schedule: { kind: "NOW" as const },
  content: text(`${title}の本文`),
  ...extra,
});

beforeAll(() => {
  Object.assign(process.env, { BROADCAST_QUIET_HOURS: "off", APP_URL: "http://localhost:3999", LIFF_ID: "2009000002-KairanDm" });
  resetEnvCache();
});

describe("[BROADCASTS] two-person approval", () => {
  it("the author cannot approve; another approver can, once; everything is audited", async () => {
    const editor = await actor("EDITOR");
    const approver = await actor("APPROVER");
    const admin = { ...editor, roles: ["ADMIN", "EDITOR"] as StaffRole[] };
    const { id } = await saveBroadcastDraft(t.db, { actor: editor, input: draftInput("お知らせ") });
    await expect(approveBroadcast(t.db, { broadcastId: id, actor: approver })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await submitBroadcast(t.db, { broadcastId: id, actor: editor, validate: lineAccepts });
    // Even an administrator who wrote it may not approve it.
    await expect(approveBroadcast(t.db, { broadcastId: id, actor: admin })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const approved = await approveBroadcast(t.db, { broadcastId: id, actor: approver });
    expect(approved.recipients).toBe(0);
    await expect(approveBroadcast(t.db, { broadcastId: id, actor: approver })).rejects.toBeInstanceOf(AppError);
    const row = await t.db.broadcast.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "APPROVED", approvedById: approver.id, approvedRecipients: 0 });
    const audit = await t.db.auditLog.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["broadcast.create", editor.id],
      ["broadcast.submit", editor.id],
      ["broadcast.approve", approver.id],
    ]);
  });

  it("returned with a comment, edited and submitted again; submitted content is frozen, and LINE's verdict is required", async () => {
    const editor = await actor("EDITOR");
    const approver = await actor("APPROVER");
    const { id } = await saveBroadcastDraft(t.db, { actor: editor, input: draftInput("戻し") });
    await expect(
      submitBroadcast(t.db, { broadcastId: id, actor: editor, validate: async () => Promise.reject(new AppError("INVALID_INPUT", { userMessage: "LINE がメッセージを受け付けませんでした。" })) }),
    ).rejects.toMatchObject({ userMessage: "LINE がメッセージを受け付けませんでした。" });
    expect((await t.db.broadcast.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
    await submitBroadcast(t.db, { broadcastId: id, actor: editor, validate: lineAccepts });
    await expect(saveBroadcastDraft(t.db, { broadcastId: id, actor: editor, input: draftInput("書き換え") })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(returnBroadcast(t.db, { broadcastId: id, actor: editor, comment: "自分で戻す" })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(returnBroadcast(t.db, { broadcastId: id, actor: approver, comment: " " })).rejects.toThrow();
    await returnBroadcast(t.db, { broadcastId: id, actor: approver, comment: "日付を入れてください" });
    expect(await t.db.broadcast.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "RETURNED", returnComment: "日付を入れてください", returnedById: approver.id });
    // Only the author edits.
    await expect(saveBroadcastDraft(t.db, { broadcastId: id, actor: await actor("EDITOR"), input: draftInput("他人") })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await saveBroadcastDraft(t.db, { broadcastId: id, actor: editor, input: draftInput("戻し（12月1日）") });
    await submitBroadcast(t.db, { broadcastId: id, actor: editor, validate: lineAccepts });
    expect(await t.db.broadcast.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING_APPROVAL", title: "戻し（12月1日）", returnComment: null });
  });

  it("the target is frozen at submission: changing the segment later changes nothing approved", async () => {
    const editor = await actor("EDITOR");
    const { id: segmentId } = await saveSegment(t.db, { actor: editor, input: { name: "登録者", description: "", filter: { combine: "and", groups: [{ combine: "and", conditions: [{ kind: "registered", value: true }] }] } } });
    const { id } = await saveBroadcastDraft(t.db, { actor: editor, input: draftInput("凍結", { segmentId }) });
    await submitBroadcast(t.db, { broadcastId: id, actor: editor, validate: lineAccepts });
    await saveSegment(t.db, { segmentId, actor: editor, input: { name: "登録者", description: "", filter: { combine: "and", groups: [{ combine: "and", conditions: [{ kind: "registered", value: false }] }] } } });
    const row = await t.db.broadcast.findUniqueOrThrow({ where: { id } });
    expect(row.targetFilter).toEqual({ combine: "and", groups: [{ combine: "and", conditions: [{ kind: "registered", value: true }] }] });
    expect(row.targetLabel).toBe("登録者");
  });

  it("防災担当 may send a 防災アラート without a second person (marked, audited); nothing else skips approval", async () => {
    const bousai = await actor("DISASTER");
    const editor = await actor("EDITOR");
    const alert = { variants: { ja: [{ type: "flex" as const, template: "disaster" as const, level: "警戒レベル4", title: "避難指示", area: "緑ヶ丘", body: "避難してください。", button: { kind: "none" as const } }] } };
    const { id } = await saveBroadcastDraft(t.db, { actor: bousai, input: draftInput("避難指示", { content: alert }) });
    const notice = await saveBroadcastDraft(t.db, { actor: bousai, input: draftInput("ただのお知らせ") });
    await expect(approveEmergencyBroadcast(t.db, { broadcastId: notice.id, actor: bousai, validate: lineAccepts })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const byEditor = await saveBroadcastDraft(t.db, { actor: editor, input: draftInput("編集者の避難指示", { content: alert }) });
    await expect(approveEmergencyBroadcast(t.db, { broadcastId: byEditor.id, actor: editor, validate: lineAccepts })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await approveEmergencyBroadcast(t.db, { broadcastId: id, actor: bousai, validate: lineAccepts });
    expect(await t.db.broadcast.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "APPROVED", emergency: true, createdById: bousai.id, approvedById: bousai.id });
    expect(await t.db.auditLog.count({ where: { targetId: id, action: "broadcast.send-emergency", actorId: bousai.id } })).toBe(1);
  });

  it("a recurring broadcast returns to APPROVED with its next occurrence after each run; cancel ends the series", async () => {
    const editor = await actor("EDITOR");
    const approver = await actor("APPROVER");
    const { id } = await saveBroadcastDraft(t.db, {
      actor: editor,
      input: draftInput("毎週のお知らせ", { schedule: { kind: "RECURRING", recurrence: { frequency: "daily", time: "00:00", weekday: null, dayOfMonth: null, until: null } } }),
    });
    await submitBroadcast(t.db, { broadcastId: id, actor: editor, validate: lineAccepts });
    const { nextRunAt } = await approveBroadcast(t.db, { broadcastId: id, actor: approver });
    const run = await startDeliveryRun(t.db, { broadcastId: id, now: new Date(nextRunAt.getTime() + 1000) });
    expect(run).toMatchObject({ started: true, recipients: 0, batches: 0 });
    const after = await t.db.broadcast.findUniqueOrThrow({ where: { id } });
    expect(after.status).toBe("APPROVED");
    expect(after.nextRunAt!.getTime()).toBe(nextRunAt.getTime() + 86_400_000);
    // The next occurrence is the series' second run, with the same frozen messages.
    expect(await startDeliveryRun(t.db, { broadcastId: id, now: new Date(after.nextRunAt!.getTime() + 1000) })).toMatchObject({ started: true });
    const runs = await t.db.deliveryRun.findMany({ where: { broadcastId: id }, orderBy: { seq: "asc" } });
    expect(runs.map((r) => [r.seq, r.scheduledFor.getTime(), r.startedByLabel, r.finishedAt !== null])).toEqual([
      [1, nextRunAt.getTime(), SYSTEM_ACTOR.label, true],
      [2, after.nextRunAt!.getTime(), SYSTEM_ACTOR.label, true],
    ]);
    expect(runs[1]!.messages).toEqual(runs[0]!.messages);
    expect(Object.keys(runs[0]!.messages as object)).toContain("ja");
    await cancelBroadcast(t.db, { broadcastId: id, actor: approver });
    expect(await t.db.broadcast.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "CANCELED", nextRunAt: null });
    await expect(cancelBroadcast(t.db, { broadcastId: id, actor: approver })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });
});
