import type { DbTx } from "@/lib/db";

export type StaffListFilter = { status?: "active" | "inactive" | "all"; page: number; pageSize: number };

export async function findStaff(db: DbTx, filter: StaffListFilter) {
  const where = filter.status === "inactive" ? { active: false } : filter.status === "all" ? {} : { active: true };
  const [total, rows] = await Promise.all([
    db.staff.count({ where }),
    db.staff.findMany({
      where,
      orderBy: [{ active: "desc" }, { name: "asc" }],
      skip: (filter.page - 1) * filter.pageSize,
      take: filter.pageSize,
      include: { departments: { include: { department: { select: { name: true } } } } },
    }),
  ]);
  return { total, rows, pageCount: Math.max(1, Math.ceil(total / filter.pageSize)) };
}

export function listDepartments(db: DbTx) {
  return db.department.findMany({ orderBy: { code: "asc" }, select: { id: true, name: true, code: true } });
}
