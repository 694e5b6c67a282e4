// Department scoping for reviewers (審査担当): they see only their own departments' applications.
import type { Permission } from "@/lib/auth/permissions";

export function applicationDepartmentScope(staff: { can(p: Permission): boolean; departmentIds: string[] }): "all" | string[] | null {
  if (staff.can("applications.review-all")) return "all";
  if (staff.can("applications.review")) return staff.departmentIds;
  return null;
}
