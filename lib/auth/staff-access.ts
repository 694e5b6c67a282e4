// requireStaff(permission): the server-side check that every staff page, server action and route
// handler makes first. proxy.ts only turns away requests without a session cookie; this decides.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getAuthOptions } from "@/lib/auth/options";
import { checkStaffSession, staffLabel, type ActiveStaff } from "@/lib/auth/sessions";
import { sessionPolicy } from "@/lib/auth/policy";
import { hasPermission, permissionsOf, type Permission } from "@/lib/auth/permissions";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";

export type StaffContext = ActiveStaff &
  AuditActor & {
    id: string;
    label: string;
    permissions: ReadonlySet<Permission>;
    can(permission: Permission): boolean;
  };

export const PASSWORD_CHANGE_PATH = "/staff/settings/password";

/** Request metadata (IP, user agent) for audit entries. */
export const currentRequestMeta = cache(async () => requestMetaFrom(await headers(), env().TRUST_PROXY_HOPS));

type Lookup = { ok: true; staff: StaffContext } | { ok: false; reason: "NO_SESSION" | "IDLE" | "ENDED" };

/** The signed-in staff member of this request, looked up once per request. */
export const lookupStaff = cache(async (): Promise<Lookup> => {
  const session = await getServerSession(getAuthOptions());
  const sid = (session as { sid?: string } | null)?.sid;
  const check = await checkStaffSession(db, sid, sessionPolicy());
  if (!check.ok) return check;
  const meta = await currentRequestMeta();
  const permissions = permissionsOf(check.staff.roles);
  return {
    ok: true,
    staff: {
      ...check.staff,
      label: staffLabel(check.staff),
      ip: meta.ip,
      userAgent: meta.userAgent,
      permissions,
      can: (permission: Permission) => permissions.has(permission),
    },
  };
});

/** The signed-in staff member, or null (for pages that render differently when signed out). */
export async function currentStaff(): Promise<StaffContext | null> {
  const lookup = await lookupStaff();
  return lookup.ok ? lookup.staff : null;
}

export type RequireStaffOptions = {
  /** The password-change page must stay reachable while a new password is required. */
  allowWhilePasswordChangeRequired?: boolean;
};

/**
 * Returns the signed-in staff member if they hold `permission`. Otherwise: no valid session →
 * redirect to the login page (with the reason); lacking the permission → 403 (forbidden()), audited.
 */
export async function requireStaff(permission: Permission, options: RequireStaffOptions = {}): Promise<StaffContext> {
  const lookup = await lookupStaff();
  if (!lookup.ok) {
    const reason = lookup.reason === "IDLE" ? "idle" : lookup.reason === "ENDED" ? "ended" : "signin";
    redirect(`/staff/login?reason=${reason}`);
  }
  const staff = lookup.staff;
  if (staff.mustChangePassword && !options.allowWhilePasswordChangeRequired) {
    redirect(`${PASSWORD_CHANGE_PATH}?required=1`);
  }
  if (!hasPermission(staff.roles, permission)) {
    const h = await headers();
    await writeAudit(db, {
      actor: staff,
      action: "auth.forbidden",
      target: { type: "route", id: h.get("next-action") ? `action ${h.get("next-action")}` : (h.get("x-kairan-path") ?? null) },
      summary: { permission },
    });
    forbidden();
  }
  return staff;
}
