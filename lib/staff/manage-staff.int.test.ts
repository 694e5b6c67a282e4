import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedDepartment, seedStaff, suffix, TEST_PASSWORD } from "@/scripts/test/factories";
import { changeOwnPassword, createStaff, resetStaffPassword, setStaffActive, updateStaff } from "@/lib/staff/manage-staff";
import { signInWithPassword } from "@/lib/auth/sessions";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import type { AuditActor } from "@/lib/audit/write-audit";

const t = useTestDatabase();
const policy = { idleMinutes: 480, maxHours: 24, maxFailedAttempts: 5, lockoutMinutes: 15 };

async function adminActor(): Promise<AuditActor & { id: string }> {
  const admin = await seedStaff(t.db, { roles: ["ADMIN"] });
  return { id: admin.id, label: admin.name, ip: "192.0.2.9" };
}

async function openSession(email: string, password = TEST_PASSWORD) {
  const result = await signInWithPassword(t.db, { email, password }, policy);
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  return result.sessionId;
}

function expectAppError(promise: Promise<unknown>, code: string, message: RegExp) {
  return expect(promise).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === code && message.test(e.userMessage));
}

describe("createStaff", () => {
  it("creates an account with a temporary password that must be changed, and audits it", async () => {
    const actor = await adminActor();
    const dept = await seedDepartment(t.db);
    const email = `New.Person-${suffix()}@Test.Example.JP`;
    const { staff, temporaryPassword } = await createStaff(t.db, { actor, email, name: " 新規 職員 ", roles: ["REVIEWER", "REVIEWER"], departmentIds: [dept.id] });
    const row = await t.db.staff.findUniqueOrThrow({ where: { id: staff.id }, include: { departments: true } });
    expect(row.email).toBe(email.toLowerCase());
    expect(row.name).toBe("新規 職員");
    expect(row.roles).toEqual(["REVIEWER"]);
    expect(row.mustChangePassword).toBe(true);
    expect(row.departments.map((d) => d.departmentId)).toEqual([dept.id]);
    expect(temporaryPassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(await verifyPassword(row.passwordHash, temporaryPassword!)).toBe(true);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "staff.create", targetId: staff.id } });
    expect(audit.actorId).toBe(actor.id);
    expect(JSON.stringify(audit.summary)).not.toContain(temporaryPassword!);
  });

  it("refuses a duplicate address (whatever its case) with a Japanese message", async () => {
    const actor = await adminActor();
    const existing = await seedStaff(t.db);
    await expectAppError(createStaff(t.db, { actor, email: existing.email.toUpperCase(), name: "重複", roles: ["VIEWER"], departmentIds: [] }), "CONFLICT", /すでに登録/);
  });

  it("requires a department for a reviewer", async () => {
    const actor = await adminActor();
    await expectAppError(createStaff(t.db, { actor, email: `r-${suffix()}@test.example.jp`, name: "審査", roles: ["REVIEWER"], departmentIds: [] }), "INVALID_INPUT", /担当部署/);
  });
});

describe("updateStaff", () => {
  it("changes roles and departments and audits only what changed", async () => {
    const actor = await adminActor();
    const dept = await seedDepartment(t.db);
    const staff = await seedStaff(t.db, { roles: ["VIEWER"] });
    await updateStaff(t.db, { actor, staffId: staff.id, name: staff.name, roles: ["EDITOR", "APPROVER"], departmentIds: [dept.id] });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "staff.update", targetId: staff.id } });
    expect(audit.summary).toEqual({
      before: { roles: ["VIEWER"], departmentIds: [] },
      after: { roles: ["APPROVER", "EDITOR"], departmentIds: [dept.id] },
    });
  });

  it("never leaves the installation without an active administrator", async () => {
    await t.db.staff.updateMany({ where: { roles: { has: "ADMIN" } }, data: { active: false } });
    const lone = await seedStaff(t.db, { roles: ["ADMIN"] });
    await expectAppError(
      updateStaff(t.db, { actor: { id: lone.id, label: lone.name }, staffId: lone.id, name: lone.name, roles: ["VIEWER"], departmentIds: [] }),
      "INVALID_STATE",
      /最後の管理者/,
    );
    await expectAppError(setStaffActive(t.db, { actor: { id: null, label: "other" }, staffId: lone.id, active: false }), "INVALID_STATE", /最後の管理者/);
  });
});

describe("setStaffActive", () => {
  it("deactivation ends the staff member's sessions and is audited once even if submitted twice", async () => {
    const actor = await adminActor();
    const staff = await seedStaff(t.db);
    const sessionId = await openSession(staff.email);
    await setStaffActive(t.db, { actor, staffId: staff.id, active: false });
    await setStaffActive(t.db, { actor, staffId: staff.id, active: false });
    expect((await t.db.staffSession.findUniqueOrThrow({ where: { id: sessionId } })).endReason).toBe("deactivated");
    expect(await t.db.auditLog.count({ where: { action: "staff.deactivate", targetId: staff.id } })).toBe(1);
    expect(await signInWithPassword(t.db, { email: staff.email, password: TEST_PASSWORD }, policy)).toEqual({ ok: false, reason: "INVALID" });
    await setStaffActive(t.db, { actor, staffId: staff.id, active: true });
    expect((await signInWithPassword(t.db, { email: staff.email, password: TEST_PASSWORD }, policy)).ok).toBe(true);
  });

  it("refuses to deactivate oneself", async () => {
    const actor = await adminActor();
    await expectAppError(setStaffActive(t.db, { actor, staffId: actor.id, active: false }), "INVALID_STATE", /自分自身/);
  });
});

describe("resetStaffPassword", () => {
  it("issues a working temporary password, ends sessions and lifts a lockout", async () => {
    const actor = await adminActor();
    const staff = await seedStaff(t.db);
    const sessionId = await openSession(staff.email);
    for (let i = 0; i < 5; i++) await signInWithPassword(t.db, { email: staff.email, password: "bad" }, policy);
    const { temporaryPassword } = await resetStaffPassword(t.db, { actor, staffId: staff.id });
    expect((await t.db.staffSession.findUniqueOrThrow({ where: { id: sessionId } })).endedAt).not.toBeNull();
    expect(await signInWithPassword(t.db, { email: staff.email, password: TEST_PASSWORD }, policy)).toEqual({ ok: false, reason: "INVALID" });
    const result = await signInWithPassword(t.db, { email: staff.email, password: temporaryPassword }, policy);
    expect(result.ok).toBe(true);
    expect((await t.db.staff.findUniqueOrThrow({ where: { id: staff.id } })).mustChangePassword).toBe(true);
  });
});

describe("changeOwnPassword", () => {
  it("checks the current password, refuses weak or unchanged ones, and ends only the other sessions", async () => {
    const staff = await seedStaff(t.db, { mustChangePassword: true });
    const current = await openSession(staff.email);
    const other = await openSession(staff.email);
    const actor = { id: staff.id, label: staff.name };
    const base = { staffId: staff.id, sessionId: current, actor };
    expect(await changeOwnPassword(t.db, { ...base, currentPassword: "wrong", newPassword: "a-much-better-pass", confirmPassword: "a-much-better-pass" })).toMatchObject({ ok: false, field: "currentPassword" });
    expect(await changeOwnPassword(t.db, { ...base, currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD })).toMatchObject({ ok: false, field: "newPassword" });
    expect(await changeOwnPassword(t.db, { ...base, currentPassword: TEST_PASSWORD, newPassword: "short", confirmPassword: "short" })).toMatchObject({ ok: false, message: /12文字以上/ });
    expect(await changeOwnPassword(t.db, { ...base, currentPassword: TEST_PASSWORD, newPassword: "mypassword-is-long", confirmPassword: "mypassword-is-long" })).toMatchObject({ ok: false, message: /推測されやすい/ });
    const ok = await changeOwnPassword(t.db, { ...base, currentPassword: TEST_PASSWORD, newPassword: "みどり市の空は青い-2026", confirmPassword: "みどり市の空は青い-2026" });
    expect(ok).toEqual({ ok: true });
    expect((await t.db.staffSession.findUniqueOrThrow({ where: { id: current } })).endedAt).toBeNull();
    expect((await t.db.staffSession.findUniqueOrThrow({ where: { id: other } })).endReason).toBe("password-changed");
    const row = await t.db.staff.findUniqueOrThrow({ where: { id: staff.id } });
    expect(row.mustChangePassword).toBe(false);
    expect(await verifyPassword(row.passwordHash, "みどり市の空は青い-2026")).toBe(true);
  });
});
