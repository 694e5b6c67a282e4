// writeAudit(tx, …) records who did what to which target. Call it with the transaction that makes
// the change, so the change and its record commit or roll back together.
import type { DbTx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import type { AuditAction, AuditTargetType } from "@/lib/audit/actions";

/** Who acted and from where. Staff contexts (lib/auth/staff-access.ts) satisfy this. */
export type AuditActor = {
  id: string | null;
  label: string;
  ip?: string | null;
  userAgent?: string | null;
};

export const SYSTEM_ACTOR: AuditActor = { id: null, label: "system" };
export const CLI_ACTOR: AuditActor = { id: null, label: "CLI (npm run kairan)" };

export type AuditEntry = {
  actor: AuditActor;
  action: AuditAction;
  target?: { type: AuditTargetType; id?: string | null };
  /** Before/after summary or what was viewed. Keep it small; never passwords or full personal data. */
  summary?: Prisma.InputJsonValue;
};

const MAX_USER_AGENT = 300;

export async function writeAudit(tx: DbTx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      summary: entry.summary,
      ip: entry.actor.ip ?? null,
      userAgent: entry.actor.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
    },
  });
}

/** Shallow before/after of the fields that changed, for update summaries. */
export function diffSummary<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
