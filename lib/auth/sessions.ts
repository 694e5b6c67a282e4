// Staff sign-in and server-side sessions. The next-auth JWT only carries a StaffSession id; the row
// decides whether the session still counts, so idle expiry, sign-out, deactivation and password
// changes take effect on the next request on every instance.
import type { Db, DbTx } from "@/lib/db";
import type { StaffRole } from "@/generated/prisma/enums";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { spendVerifyTime, verifyPassword } from "@/lib/auth/password";
import { normalizeEmail } from "@/lib/auth/email";

export type SessionPolicy = {
  idleMinutes: number;
  maxHours: number;
  maxFailedAttempts: number;
  lockoutMinutes: number;
};

export type SignInResult =
  | { ok: true; staffId: string; sessionId: string }
  | { ok: false; reason: "INVALID" | "LOCKED" };

type RequestMeta = { ip?: string | null; userAgent?: string | null };

/**
 * Checks an e-mail and password. Failures count per address as typed, existing or not, so neither
 * the message nor the lockout tells anyone which addresses belong to staff.
 */
export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string } & RequestMeta,
  policy: SessionPolicy,
  now: Date = new Date(),
): Promise<SignInResult> {
  const emailKey = normalizeEmail(input.email);
  const meta = { ip: input.ip ?? null, userAgent: input.userAgent ?? null };

  const throttle = await db.loginThrottle.findUnique({ where: { emailKey } });
  const staff = emailKey ? await db.staff.findUnique({ where: { email: emailKey } }) : null;
  const actor: AuditActor = { id: staff?.id ?? null, label: emailKey || "(空欄)", ...meta };

  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    await spendVerifyTime(input.password);
    await writeAudit(db, { actor, action: "auth.sign-in-failed", target: staffTarget(staff), summary: { reason: "locked" } });
    return { ok: false, reason: "LOCKED" };
  }

  const passwordOk = staff ? await verifyPassword(staff.passwordHash, input.password) : (await spendVerifyTime(input.password), false);

  if (!staff || !passwordOk || !staff.active) {
    const reason = !staff ? "unknown-email" : !passwordOk ? "wrong-password" : "inactive";
    return db.$transaction(async (tx) => {
      // One statement counts the failure and decides the lock, so parallel attempts cannot slip past the limit.
      // A failure starts a fresh count when the last lock has expired or the previous failure is
      // older than the lockout period (an occasional typo over weeks never adds up to a lock).
      const [row] = await tx.$queryRaw<{ failed_count: number; locked_until: Date | null }[]>`
        with policy as (
          select ${now}::timestamptz as now, make_interval(mins => ${policy.lockoutMinutes}) as lockout, ${policy.maxFailedAttempts}::int as max_failed
        )
        insert into login_throttle (email_key, failed_count, last_failed_at, locked_until)
        select ${emailKey}, 1, policy.now, case when 1 >= policy.max_failed then policy.now + policy.lockout end from policy
        on conflict (email_key) do update set
          failed_count = case when login_throttle.locked_until <= excluded.last_failed_at
                                or login_throttle.last_failed_at < excluded.last_failed_at - (select lockout from policy)
                              then 1 else login_throttle.failed_count + 1 end,
          last_failed_at = excluded.last_failed_at,
          locked_until = case
            when (case when login_throttle.locked_until <= excluded.last_failed_at
                         or login_throttle.last_failed_at < excluded.last_failed_at - (select lockout from policy)
                       then 1 else login_throttle.failed_count + 1 end) >= (select max_failed from policy)
            then excluded.last_failed_at + (select lockout from policy)
            else null end
        returning failed_count, locked_until`;
      await writeAudit(tx, { actor, action: "auth.sign-in-failed", target: staffTarget(staff), summary: { reason, failedCount: row?.failed_count ?? 1 } });
      if (row?.locked_until) {
        await writeAudit(tx, { actor, action: "auth.locked", target: staffTarget(staff), summary: { until: row.locked_until.toISOString() } });
        return { ok: false, reason: "LOCKED" } as const;
      }
      return { ok: false, reason: "INVALID" } as const;
    });
  }

  return db.$transaction(async (tx) => {
    await tx.loginThrottle.deleteMany({ where: { emailKey } });
    const session = await tx.staffSession.create({
      data: {
        staffId: staff.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + policy.maxHours * 3_600_000),
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 300),
      },
    });
    await tx.staff.update({ where: { id: staff.id }, data: { lastLoginAt: now } });
    await writeAudit(tx, {
      actor: { ...actor, label: staffLabel(staff) },
      action: "auth.sign-in",
      target: { type: "session", id: session.id },
    });
    return { ok: true, staffId: staff.id, sessionId: session.id } as const;
  });
}

export type ActiveStaff = {
  id: string;
  email: string;
  name: string;
  roles: StaffRole[];
  departmentIds: string[];
  mustChangePassword: boolean;
  sessionId: string;
};

export type SessionCheck =
  | { ok: true; staff: ActiveStaff }
  | { ok: false; reason: "NO_SESSION" | "IDLE" | "ENDED" };

// Writing last_seen_at on every request would turn every page view into a write; a minute of
// slack on an eight-hour idle limit is harmless.
const TOUCH_INTERVAL_MS = 60_000;

/** Looks the session up and decides whether it still counts; ends it (and audits) when it just expired. */
export async function checkStaffSession(
  db: Db,
  sessionId: string | null | undefined,
  policy: Pick<SessionPolicy, "idleMinutes">,
  now: Date = new Date(),
): Promise<SessionCheck> {
  if (!sessionId || !/^[0-9a-f-]{36}$/i.test(sessionId)) return { ok: false, reason: "NO_SESSION" };
  const session = await db.staffSession.findUnique({
    where: { id: sessionId },
    include: { staff: { include: { departments: { select: { departmentId: true } } } } },
  });
  if (!session) return { ok: false, reason: "NO_SESSION" };
  if (session.endedAt) return { ok: false, reason: session.endReason === "idle" ? "IDLE" : "ENDED" };

  const { staff } = session;
  const idleDeadline = session.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
  const reason = !staff.active ? "deactivated" : now.getTime() > idleDeadline ? "idle" : now > session.expiresAt ? "expired" : null;
  if (reason) {
    await db.$transaction(async (tx) => {
      const ended = await tx.staffSession.updateMany({ where: { id: session.id, endedAt: null }, data: { endedAt: now, endReason: reason } });
      if (ended.count === 1 && reason !== "deactivated") {
        await writeAudit(tx, {
          actor: { id: staff.id, label: staffLabel(staff) },
          action: "auth.session-expired",
          target: { type: "session", id: session.id },
          summary: { reason },
        });
      }
    });
    return { ok: false, reason: reason === "idle" ? "IDLE" : "ENDED" };
  }

  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.staffSession.updateMany({ where: { id: session.id, endedAt: null }, data: { lastSeenAt: now } });
  }
  return {
    ok: true,
    staff: {
      id: staff.id,
      email: staff.email,
      name: staff.name,
      roles: staff.roles,
      departmentIds: staff.departments.map((d) => d.departmentId),
      mustChangePassword: staff.mustChangePassword,
      sessionId: session.id,
    },
  };
}

/** Ends one session (sign-out). Safe to call twice. */
export async function endStaffSession(db: Db, sessionId: string, actor: AuditActor, reason = "sign-out"): Promise<void> {
  await db.$transaction(async (tx) => {
    const ended = await tx.staffSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date(), endReason: reason } });
    if (ended.count === 1) await writeAudit(tx, { actor, action: "auth.sign-out", target: { type: "session", id: sessionId } });
  });
}

/** Ends every open session of a staff member, optionally keeping one (the caller's own). */
export async function endSessionsOfStaff(tx: DbTx, staffId: string, reason: string, keepSessionId?: string): Promise<number> {
  const { count } = await tx.staffSession.updateMany({
    where: { staffId, endedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { endedAt: new Date(), endReason: reason },
  });
  return count;
}

export function staffLabel(staff: { name: string; email: string }): string {
  return `${staff.name} <${staff.email}>`;
}

function staffTarget(staff: { id: string } | null) {
  return staff ? ({ type: "staff", id: staff.id } as const) : undefined;
}
