import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedStaff } from "@/scripts/test/factories";
import { writeAudit } from "@/lib/audit/write-audit";
import { findAuditEntries, iterateAuditEntries } from "@/lib/audit/find-audit";

const t = useTestDatabase();

describe("audit log", () => {
  it("is written in the same transaction as the change: a rolled-back change leaves no record", async () => {
    const staff = await seedStaff(t.db);
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.staff.update({ where: { id: staff.id }, data: { name: "変更後" } });
        await writeAudit(tx, { actor: { id: staff.id, label: "x" }, action: "staff.update", target: { type: "staff", id: staff.id } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await t.db.auditLog.count({ where: { targetId: staff.id } })).toBe(0);
    expect((await t.db.staff.findUniqueOrThrow({ where: { id: staff.id } })).name).toBe(staff.name);
  });

  it("cannot be changed or deleted, even with direct SQL", async () => {
    await writeAudit(t.db, { actor: { id: null, label: "system" }, action: "seed.demo-city" });
    await expect(t.db.$executeRawUnsafe(`update audit_log set actor_label = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`delete from audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`truncate audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.auditLog.deleteMany({})).rejects.toThrow();
    expect(await t.db.auditLog.count({ where: { actorLabel: "forged" } })).toBe(0);
  });

  it("filters by actor, action, target and Japan-time dates, newest first, and exports in batches", async () => {
    const a = await seedStaff(t.db);
    const b = await seedStaff(t.db);
    for (let i = 0; i < 7; i++) {
      await writeAudit(t.db, { actor: { id: a.id, label: a.name }, action: "staff.update", target: { type: "staff", id: `t${i}` } });
    }
    await writeAudit(t.db, { actor: { id: b.id, label: b.name }, action: "staff.create", target: { type: "staff", id: "t0" } });
    const byActor = await findAuditEntries(t.db, { actorId: a.id }, 1, 5);
    expect(byActor.total).toBe(7);
    expect(byActor.pageCount).toBe(2);
    expect(byActor.rows.map((r) => r.targetId)).toEqual(["t6", "t5", "t4", "t3", "t2"]);
    expect((await findAuditEntries(t.db, { targetType: "staff", targetId: "t0" }, 1, 50)).total).toBe(2);
    expect((await findAuditEntries(t.db, { action: "staff.create", actorId: b.id }, 1, 50)).total).toBe(1);
    const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(new Date());
    expect((await findAuditEntries(t.db, { actorId: a.id, from: today, to: today }, 1, 50)).total).toBe(7);
    expect((await findAuditEntries(t.db, { actorId: a.id, to: "2000-01-01" }, 1, 50)).total).toBe(0);
    const batches = [];
    for await (const batch of iterateAuditEntries(t.db, { actorId: a.id }, 3)) batches.push(batch.map((r) => r.targetId));
    expect(batches).toEqual([["t6", "t5", "t4"], ["t3", "t2", "t1"], ["t0"]]);
  });
});
