import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedResident, seedStaff } from "@/scripts/test/factories";
import { viewResidents } from "@/lib/residents/find-residents";
import { getDashboardStats } from "@/lib/dashboard/get-dashboard-stats";

const t = useTestDatabase();

describe("viewing residents", () => {
  it("records which residents a staff member saw, with the filter", async () => {
    const staff = await seedStaff(t.db, { roles: ["EDITOR"] });
    const shown = await seedResident(t.db, { registered: true });
    await seedResident(t.db, { followStatus: "BLOCKED" });
    const result = await viewResidents(t.db, { filter: { status: "FOLLOWING" }, page: 1, pageSize: 50, actor: { id: staff.id, label: staff.name, ip: "192.0.2.3" } });
    expect(result.rows.map((r) => r.id)).toEqual([shown.id]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "residents.view-personal", actorId: staff.id } });
    expect(audit.summary).toMatchObject({ filter: { status: "FOLLOWING" }, shown: 1, residentIds: [shown.id] });
    expect(audit.ip).toBe("192.0.2.3");
  });

  it("records nothing when nothing was shown", async () => {
    const staff = await seedStaff(t.db);
    await viewResidents(t.db, { filter: { name: "存在しない名前" }, page: 1, pageSize: 50, actor: { id: staff.id, label: staff.name } });
    expect(await t.db.auditLog.count({ where: { actorId: staff.id } })).toBe(0);
  });

  it("dashboard counts friends, blocked and registered residents", async () => {
    const before = await getDashboardStats(t.db, { canSeeBroadcasts: false, applicationDepartments: null });
    await seedResident(t.db, { registered: true });
    await seedResident(t.db);
    await seedResident(t.db, { followStatus: "BLOCKED", registered: true });
    const after = await getDashboardStats(t.db, { canSeeBroadcasts: false, applicationDepartments: null });
    expect(after.friends - before.friends).toBe(2);
    expect(after.registered - before.registered).toBe(1);
    expect(after.blocked - before.blocked).toBe(1);
    expect(after.broadcastsAwaitingApproval).toBeNull();
  });
});
