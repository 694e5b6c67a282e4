import type { DbTx } from "@/lib/db";
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/permissions";
import { listDepartments } from "@/lib/staff/find-staff";

export async function staffFormOptions(db: DbTx) {
  const departments = await listDepartments(db);
  return {
    roles: ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role], description: ROLE_DESCRIPTIONS[role] })),
    departments: departments.map((d) => ({ value: d.id, label: d.name })),
  };
}
