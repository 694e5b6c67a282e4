import { env } from "@/lib/env";
import type { SessionPolicy } from "@/lib/auth/sessions";

export function sessionPolicy(): SessionPolicy {
  const e = env();
  return {
    idleMinutes: e.STAFF_SESSION_IDLE_MINUTES,
    maxHours: e.STAFF_SESSION_MAX_HOURS,
    maxFailedAttempts: e.LOGIN_MAX_FAILED_ATTEMPTS,
    lockoutMinutes: e.LOGIN_LOCKOUT_MINUTES,
  };
}
