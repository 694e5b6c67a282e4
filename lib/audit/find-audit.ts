// Searching the audit log, for the audit screen and the CSV export (same filter, same order).
import { z } from "@/lib/zod";
import type { DbTx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { parseJstDate } from "@/lib/format";

export const auditFilterSchema = z.object({
  actorId: z.uuid().optional().catch(undefined),
  /** Part of the actor's label: a name or an e-mail typed at a failed sign-in. */
  actor: z.string().trim().max(200).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  targetType: z.string().trim().max(50).optional().catch(undefined),
  targetId: z.string().trim().max(200).optional().catch(undefined),
  from: z.string().optional().catch(undefined),
  to: z.string().optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export function auditWhere(filter: AuditFilter): Prisma.AuditLogWhereInput {
  const from = parseJstDate(filter.from);
  const to = parseJstDate(filter.to, true);
  return {
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.actor ? { actorLabel: { contains: filter.actor, mode: "insensitive" } } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.targetType ? { targetType: filter.targetType } : {}),
    ...(filter.targetId ? { targetId: filter.targetId } : {}),
    ...(from || to ? { at: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } } : {}),
  };
}

export async function findAuditEntries(db: DbTx, filter: AuditFilter, page: number, pageSize: number) {
  const where = auditWhere(filter);
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  return { total, rows, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Newest first, in batches (keyset on id), so an export of millions of rows never loads them all. */
export async function* iterateAuditEntries(db: DbTx, filter: AuditFilter, batchSize = 2000) {
  const where = auditWhere(filter);
  let before: bigint | undefined;
  for (;;) {
    const rows = await db.auditLog.findMany({
      where: before === undefined ? where : { AND: [where, { id: { lt: before } }] },
      orderBy: { id: "desc" },
      take: batchSize,
    });
    if (rows.length === 0) return;
    yield rows;
    before = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}
