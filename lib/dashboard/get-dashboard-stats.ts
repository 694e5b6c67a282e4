// Figures for the staff dashboard. One pass over residents (index-only on follow_status) and small
// counts for broadcasts and applications, scoped to what the staff member may see.
import type { DbTx } from "@/lib/db";

export type DashboardStats = {
  friends: number;
  blocked: number;
  registered: number;
  broadcastsAwaitingApproval: number | null;
  openApplications: number | null;
};

export type DashboardScope = {
  canSeeBroadcasts: boolean;
  /** null = may not review applications; "all" = every department; otherwise these departments. */
  applicationDepartments: "all" | string[] | null;
};

export async function getDashboardStats(db: DbTx, scope: DashboardScope): Promise<DashboardStats> {
  const [residents] = await db.$queryRaw<{ friends: bigint; blocked: bigint; registered: bigint }[]>`
    select count(*) filter (where follow_status = 'FOLLOWING') as friends,
           count(*) filter (where follow_status = 'BLOCKED') as blocked,
           count(*) filter (where follow_status = 'FOLLOWING' and registered_at is not null) as registered
    from resident`;
  const broadcastsAwaitingApproval = scope.canSeeBroadcasts
    ? await db.broadcast.count({ where: { status: "PENDING_APPROVAL" } })
    : null;
  const departments = scope.applicationDepartments;
  const openApplications =
    departments === null
      ? null
      : await db.application.count({
          where: {
            status: { in: ["SUBMITTED", "IN_REVIEW"] },
            ...(departments === "all" ? {} : { departmentId: { in: departments } }),
          },
        });
  return {
    friends: Number(residents?.friends ?? 0),
    blocked: Number(residents?.blocked ?? 0),
    registered: Number(residents?.registered ?? 0),
    broadcastsAwaitingApproval,
    openApplications,
  };
}
