// Housekeeping for sign-in records: throttle rows of addresses nobody has mistyped for a day, and
// sessions that ended more than 90 days ago (sign-ins and sign-outs stay in the audit log).
import type { DbTx } from "@/lib/db";

export const ENDED_SESSION_RETENTION_DAYS = 90;

export async function purgeAuthRecords(db: DbTx, now: Date = new Date()): Promise<{ throttles: number; sessions: number }> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const throttles = await db.loginThrottle.deleteMany({
    where: { lastFailedAt: { lt: dayAgo }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
  });
  const sessions = await db.staffSession.deleteMany({
    where: {
      OR: [
        { endedAt: { lt: new Date(now.getTime() - ENDED_SESSION_RETENTION_DAYS * 86_400_000) } },
        // Sessions nobody ended explicitly but that are long past their absolute lifetime.
        { endedAt: null, expiresAt: { lt: new Date(now.getTime() - ENDED_SESSION_RETENTION_DAYS * 86_400_000) } },
      ],
    },
  });
  return { throttles: throttles.count, sessions: sessions.count };
}
