// Applications a staff member may review: all departments, or only their own (審査担当).
import type { DbTx } from "@/lib/db";
import type { ApplicationStatus } from "@/generated/prisma/enums";
import { OPEN_APPLICATION_STATUSES } from "@/lib/applications/statuses";

export type ApplicationListFilter = {
  scope: "all" | string[];
  status?: ApplicationStatus | "open";
  departmentId?: string;
  page: number;
  pageSize: number;
};

export async function findApplications(db: DbTx, filter: ApplicationListFilter) {
  const departmentIds =
    filter.scope === "all"
      ? filter.departmentId
        ? [filter.departmentId]
        : undefined
      : filter.departmentId
        ? filter.scope.filter((id) => id === filter.departmentId)
        : filter.scope;
  const where = {
    ...(departmentIds ? { departmentId: { in: departmentIds } } : {}),
    ...(filter.status === "open" ? { status: { in: [...OPEN_APPLICATION_STATUSES] } } : filter.status ? { status: filter.status } : {}),
  };
  const [total, rows] = await Promise.all([
    db.application.count({ where }),
    db.application.findMany({
      where,
      orderBy: [{ submittedAt: "desc" }, { id: "asc" }],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
      include: { department: { select: { name: true } } },
    }),
  ]);
  return { total, rows, pageCount: Math.max(1, Math.ceil(total / filter.pageSize)) };
}
