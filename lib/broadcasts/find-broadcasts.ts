import type { DbTx } from "@/lib/db";
import type { BroadcastStatus } from "@/generated/prisma/enums";

export async function findBroadcasts(db: DbTx, filter: { status?: BroadcastStatus; page: number; pageSize: number }) {
  const where = filter.status ? { status: filter.status } : {};
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
