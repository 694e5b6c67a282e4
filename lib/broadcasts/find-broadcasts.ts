// The broadcast history for staff: filters (status, words in the title, emergency only, a period of
// the last change) and each broadcast's author, approver and latest run.
import { z } from "@/lib/zod";
import type { DbTx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { BROADCAST_STATUSES } from "@/lib/broadcasts/statuses";
import { parseJstDate } from "@/lib/format";

export const broadcastFilterSchema = z.object({
  status: z.enum(BROADCAST_STATUSES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  emergency: z.enum(["1"]).optional().catch(undefined),
  from: z.string().optional().catch(undefined),
  to: z.string().optional().catch(undefined),
});
export type BroadcastFilter = z.infer<typeof broadcastFilterSchema>;

export function broadcastWhere(filter: BroadcastFilter): Prisma.BroadcastWhereInput {
  const from = parseJstDate(filter.from);
  const to = parseJstDate(filter.to, true);
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.q ? { title: { contains: filter.q, mode: "insensitive" as const } } : {}),
    ...(filter.emergency ? { emergency: true } : {}),
    ...(from || to ? { updatedAt: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } } : {}),
  };
}

export async function findBroadcasts(db: DbTx, filter: BroadcastFilter & { page: number; pageSize: number }) {
  const where = broadcastWhere(filter);
  const [total, rows] = await Promise.all([
    db.broadcast.count({ where }),
    db.broadcast.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
      include: { createdBy: { select: { name: true } }, approvedBy: { select: { name: true } } },
    }),
  ]);
  return { total, rows, pageCount: Math.max(1, Math.ceil(total / filter.pageSize)) };
}
