// Saved segments: create, change, delete (archive). Broadcasts keep the filter they were approved
// with, so changing a segment never changes what an approver approved.
import { z } from "@/lib/zod";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { segmentFilterSchema } from "@/lib/segments/filter";

export const segmentInputSchema = z.object({
  name: z.string().trim().min(1, "セグメント名を入力してください").max(60, "セグメント名は60文字以内にしてください"),
  description: z.string().trim().max(300, "説明は300文字以内にしてください"),
  filter: segmentFilterSchema,
});
export type SegmentInput = z.infer<typeof segmentInputSchema>;

export async function saveSegment(db: Db, options: { segmentId?: string; input: SegmentInput; actor: AuditActor & { id: string } }): Promise<{ id: string }> {
  const input = segmentInputSchema.parse(options.input);
  const districtIds = new Set(input.filter.groups.flatMap((g) => g.conditions.flatMap((c) => (c.kind === "district" || c.kind === "disaster" ? c.districtIds : []))));
  if (districtIds.size > 0 && (await db.district.count({ where: { id: { in: [...districtIds] } } })) !== districtIds.size) {
    throw new AppError("INVALID_INPUT", { userMessage: "選んだ地区が見つかりません。画面を再読み込みしてください。" });
  }
  return db.$transaction(async (tx) => {
    if (!options.segmentId) {
      const created = await tx.segment.create({
        data: { name: input.name, description: input.description || null, filter: input.filter as Prisma.InputJsonValue, createdById: options.actor.id, updatedById: options.actor.id },
      });
      await writeAudit(tx, { actor: options.actor, action: "segment.create", target: { type: "segment", id: created.id }, summary: { name: created.name, filter: input.filter } });
      return { id: created.id };
    }
    const before = await tx.segment.findFirst({ where: { id: options.segmentId, archivedAt: null } });
    if (!before) throw new AppError("NOT_FOUND", { userMessage: "セグメントが見つかりませんでした。" });
    await tx.segment.update({
      where: { id: before.id },
      data: { name: input.name, description: input.description || null, filter: input.filter as Prisma.InputJsonValue, updatedById: options.actor.id },
    });
    await writeAudit(tx, { actor: options.actor, action: "segment.update", target: { type: "segment", id: before.id }, summary: { before: { name: before.name, filter: before.filter }, after: { name: input.name, filter: input.filter } } });
    return { id: before.id };
  });
}

export async function archiveSegment(db: Db, options: { segmentId: string; actor: AuditActor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const archived = await tx.segment.updateMany({ where: { id: options.segmentId, archivedAt: null }, data: { archivedAt: new Date() } });
    if (archived.count === 0) throw new AppError("NOT_FOUND", { userMessage: "セグメントが見つかりませんでした。" });
    await writeAudit(tx, { actor: options.actor, action: "segment.archive", target: { type: "segment", id: options.segmentId } });
  });
}

export async function findSegments(db: Db) {
  return db.segment.findMany({ where: { archivedAt: null }, orderBy: [{ name: "asc" }] });
}
