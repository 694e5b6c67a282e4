import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedStaff, TEST_PASSWORD, suffix } from "@/scripts/test/factories";
import { checkStaffSession, signInWithPassword, type SessionPolicy } from "@/lib/auth/sessions";

const policy: SessionPolicy = { idleMinutes: 480, maxHours: 24, maxFailedAttempts: 5, lockoutMinutes: 15 };
const t = useTestDatabase();

async function auditActions(targetId?: string) {
  const rows = await t.db.auditLog.findMany({ where: targetId ? { targetId } : {}, orderBy: { id: "asc" } });
  return rows.map((r) => r.action);
}

describe("signInWithPassword", () => {
  it("signs in with the right password, opens a session and audits it", async () => {
    const staff = await seedStaff(t.db);
    const result = await signInWithPassword(t.db, { email: `  ${staff.email.toUpperCase()} `, password: TEST_PASSWORD, ip: "192.0.2.1", userAgent: "test" }, policy);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await t.db.staffSession.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session.staffId).toBe(staff.id);
    expect(session.ip).toBe("192.0.2.1");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "auth.sign-in", actorId: staff.id } });
    expect(audit.targetId).toBe(result.sessionId);
    expect(audit.ip).toBe("192.0.2.1");
  });

  it("refuses a wrong password and an unknown address with the same answer, and audits both", async () => {
    const staff = await seedStaff(t.db);
    const wrong = await signInWithPassword(t.db, { email: staff.email, password: "nope" }, policy);
    const unknown = await signInWithPassword(t.db, { email: `nobody-${suffix()}@test.example.jp`, password: "nope" }, policy);
    expect(wrong).toEqual({ ok: false, reason: "INVALID" });
    expect(unknown).toEqual({ ok: false, reason: "INVALID" });
    const failed = await t.db.auditLog.findMany({ where: { action: "auth.sign-in-failed", actorLabel: staff.email } });
    expect(failed).toHaveLength(1);
    expect(failed[0]!.actorId).toBe(staff.id);
  });

  it("locks an address after 5 failures for 15 minutes, even with the right password, then lets it in", async () => {
    const staff = await seedStaff(t.db);
    const now = new Date("2026-11-27T10:00:00Z");
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await signInWithPassword(t.db, { email: staff.email, password: `wrong-${i}` }, policy, now));
    expect(results.slice(0, 4).every((r) => !r.ok && r.reason === "INVALID")).toBe(true);
    expect(results[4]).toEqual({ ok: false, reason: "LOCKED" });
    const during = await signInWithPassword(t.db, { email: staff.email, password: TEST_PASSWORD }, policy, new Date(now.getTime() + 14 * 60_000));
    expect(during).toEqual({ ok: false, reason: "LOCKED" });
    const after = await signInWithPassword(t.db, { email: staff.email, password: TEST_PASSWORD }, policy, new Date(now.getTime() + 16 * 60_000));
    expect(after.ok).toBe(true);
    expect(await t.db.loginThrottle.findUnique({ where: { emailKey: staff.email } })).toBeNull();
    expect(await t.db.auditLog.count({ where: { action: "auth.locked", actorId: staff.id } })).toBe(1);
  });

  it("does not add up failures that are further apart than the lockout period", async () => {
    const staff = await seedStaff(t.db);
    const start = new Date("2026-11-27T10:00:00Z");
    for (let i = 0; i < 4; i++) await signInWithPassword(t.db, { email: staff.email, password: "bad" }, policy, start);
    const dayLater = new Date(start.getTime() + 86_400_000);
    expect(await signInWithPassword(t.db, { email: staff.email, password: "bad" }, policy, dayLater)).toEqual({ ok: false, reason: "INVALID" });
    expect((await t.db.loginThrottle.findUniqueOrThrow({ where: { emailKey: staff.email } })).failedCount).toBe(1);
  });

  it("locks unknown addresses the same way, so the lockout reveals nothing", async () => {
    const email = `ghost-${suffix()}@test.example.jp`;
    let last;
    for (let i = 0; i < 5; i++) last = await signInWithPassword(t.db, { email, password: "x" }, policy);
    expect(last).toEqual({ ok: false, reason: "LOCKED" });
  });

  it("counts parallel failures exactly (one statement decides the lock)", async () => {
    const staff = await seedStaff(t.db);
    await Promise.all(Array.from({ length: 8 }, (_, i) => signInWithPassword(t.db, { email: staff.email, password: `p${i}` }, policy)));
    const throttle = await t.db.loginThrottle.findUniqueOrThrow({ where: { emailKey: staff.email } });
    expect(throttle.failedCount).toBe(8);
    expect(throttle.lockedUntil).not.toBeNull();
  });

  it("refuses a deactivated staff member with the right password, as if the password were wrong", async () => {
    const staff = await seedStaff(t.db, { active: false });
    expect(await signInWithPassword(t.db, { email: staff.email, password: TEST_PASSWORD }, policy)).toEqual({ ok: false, reason: "INVALID" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "auth.sign-in-failed", actorId: staff.id } });
    expect(audit.summary).toMatchObject({ reason: "inactive" });
  });
});

describe("checkStaffSession", () => {
  async function signedIn(now = new Date()) {
    const staff = await seedStaff(t.db, { roles: ["VIEWER"] });
    const result = await signInWithPassword(t.db, { email: staff.email, password: TEST_PASSWORD }, policy, now);
    if (!result.ok) throw new Error("sign-in failed");
    return { staff, sessionId: result.sessionId };
  }

  it("accepts a fresh session and returns the staff member with roles", async () => {
    const { staff, sessionId } = await signedIn();
    const check = await checkStaffSession(t.db, sessionId, policy);
    expect(check.ok && check.staff.id).toBe(staff.id);
    expect(check.ok && check.staff.roles).toEqual(["VIEWER"]);
  });

  it("ends a session after the idle time, audits it once, and keeps it ended", async () => {
    const start = new Date("2026-11-27T01:00:00Z");
    const { sessionId } = await signedIn(start);
    const later = new Date(start.getTime() + 481 * 60_000);
    expect(await checkStaffSession(t.db, sessionId, policy, later)).toEqual({ ok: false, reason: "IDLE" });
    expect(await checkStaffSession(t.db, sessionId, policy, later)).toEqual({ ok: false, reason: "IDLE" });
    expect(await t.db.auditLog.count({ where: { action: "auth.session-expired", targetId: sessionId } })).toBe(1);
  });

  it("activity keeps a session alive past the idle time counted from sign-in", async () => {
    const start = new Date("2026-11-27T01:00:00Z");
    const { sessionId } = await signedIn(start);
    expect((await checkStaffSession(t.db, sessionId, policy, new Date(start.getTime() + 400 * 60_000))).ok).toBe(true);
    expect((await checkStaffSession(t.db, sessionId, policy, new Date(start.getTime() + 800 * 60_000))).ok).toBe(true);
  });

  it("ends every session of a deactivated staff member on their next request", async () => {
    const { staff, sessionId } = await signedIn();
    await t.db.staff.update({ where: { id: staff.id }, data: { active: false } });
    expect(await checkStaffSession(t.db, sessionId, policy)).toEqual({ ok: false, reason: "ENDED" });
  });

  it("ends a session at its absolute lifetime even when active", async () => {
    const start = new Date("2026-11-27T01:00:00Z");
    const { sessionId } = await signedIn(start);
    for (let h = 4; h <= 24; h += 4) await checkStaffSession(t.db, sessionId, policy, new Date(start.getTime() + h * 3_600_000));
    expect(await checkStaffSession(t.db, sessionId, policy, new Date(start.getTime() + 24 * 3_600_000 + 60_000))).toEqual({ ok: false, reason: "ENDED" });
  });

  it("rejects missing, malformed and unknown session ids", async () => {
    expect(await checkStaffSession(t.db, undefined, policy)).toEqual({ ok: false, reason: "NO_SESSION" });
    expect(await checkStaffSession(t.db, "'; drop table staff; --", policy)).toEqual({ ok: false, reason: "NO_SESSION" });
    expect(await checkStaffSession(t.db, "00000000-0000-4000-8000-000000000000", policy)).toEqual({ ok: false, reason: "NO_SESSION" });
  });

  it("only writes last_seen_at once a minute", async () => {
    const start = new Date("2026-11-27T01:00:00Z");
    const { sessionId } = await signedIn(start);
    await checkStaffSession(t.db, sessionId, policy, new Date(start.getTime() + 30_000));
    expect((await t.db.staffSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(start);
    const later = new Date(start.getTime() + 90_000);
    await checkStaffSession(t.db, sessionId, policy, later);
    expect((await t.db.staffSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(later);
    expect(await auditActions(sessionId)).toEqual(["auth.sign-in"]);
  });
});
