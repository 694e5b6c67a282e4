// The residents list for staff with residents.view-personal. Showing it is a view of personal data,
// so the same call writes the audit entry (which residents were shown, with which filter).
import { z } from "@/lib/zod";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";

export const residentFilterSchema = z.object({
  districtId: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(["FOLLOWING", "BLOCKED"]).optional().catch(undefined),
  registered: z.enum(["yes", "no"]).optional().catch(undefined),
  name: z.string().trim().max(50).optional().catch(undefined),
});
export type ResidentFilter = z.infer<typeof residentFilterSchema>;

// Offset paging cost grows with the page number; a million residents are searched by filter, not paged through.
export const RESIDENT_MAX_PAGE = 200;

function residentWhere(filter: ResidentFilter): Prisma.ResidentWhereInput {
  return {
    ...(filter.districtId ? { districtId: filter.districtId } : {}),
    ...(filter.status ? { followStatus: filter.status } : {}),
    ...(filter.registered === "yes" ? { registeredAt: { not: null } } : filter.registered === "no" ? { registeredAt: null } : {}),
    ...(filter.name ? { displayName: { contains: filter.name } } : {}),
  };
}

export async function viewResidents(db: Db, options: { filter: ResidentFilter; page: number; pageSize: number; actor: AuditActor }) {
  const where = residentWhere(options.filter);
  return db.$transaction(async (tx) => {
    const [total, rows] = await Promise.all([
      tx.resident.count({ where }),
      tx.resident.findMany({
        where,
        orderBy: [{ followedAt: "desc" }, { id: "asc" }],
        skip: (options.page - 1) * options.pageSize,
        take: options.pageSize,
        include: { district: { select: { name: true } } },
      }),
    ]);
    if (rows.length > 0) {
      await writeAudit(tx, {
        actor: options.actor,
        action: "residents.view-personal",
        target: { type: "resident-list" },
        summary: { filter: options.filter, page: options.page, shown: rows.length, residentIds: rows.map((r) => r.id) },
      });
    }
    return { total, rows, pageCount: Math.min(RESIDENT_MAX_PAGE, Math.max(1, Math.ceil(total / options.pageSize))) };
  });
}
