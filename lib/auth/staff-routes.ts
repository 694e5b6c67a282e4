// Which permission each staff page, route handler and server action needs. The pages and actions
// check it themselves with requireStaff(); this table is the specification the navigation is built
// from and that the permission-matrix e2e test (e2e/auth/permission-matrix.spec.ts) holds the
// running app to — a page or action that forgets its check, or is missing here, fails that test.
import type { Permission } from "@/lib/auth/permissions";

export type StaffPage = {
  /** App Router path; dynamic segments in brackets. */
  path: string;
  permission: Permission;
  /** Shown in the main navigation with this label. */
  nav?: string;
  kind?: "page" | "route";
};

export const STAFF_PAGES: StaffPage[] = [
  { path: "/staff", permission: "dashboard.view", nav: "ダッシュボード" },
  { path: "/staff/broadcasts", permission: "broadcasts.view", nav: "配信" },
  { path: "/staff/segments", permission: "segments.view", nav: "セグメント" },
  { path: "/staff/applications", permission: "applications.review", nav: "申請" },
  { path: "/staff/inbox", permission: "inbox.reply", nav: "受信箱" },
  { path: "/staff/residents", permission: "residents.view-personal", nav: "住民" },
  { path: "/staff/content", permission: "content.view", nav: "コンテンツ" },
  { path: "/staff/settings", permission: "account.self", nav: "設定" },
  { path: "/staff/settings/password", permission: "account.self" },
  { path: "/staff/settings/staff", permission: "staff.manage" },
  { path: "/staff/settings/staff/new", permission: "staff.manage" },
  { path: "/staff/settings/staff/[id]", permission: "staff.manage" },
  { path: "/staff/audit", permission: "audit.view", nav: "監査ログ" },
  { path: "/staff/audit/export", permission: "audit.view", kind: "route" },
];

/** Pages anyone may open (the login page). */
export const PUBLIC_STAFF_PAGES = ["/staff/login"];

/**
 * Server actions by exported name. "signed-in" = any valid session (signing out must always work,
 * and must not require a permission that could be missing).
 */
export const STAFF_ACTIONS: Record<string, Permission | "signed-in"> = {
  signOutAction: "signed-in",
  changeOwnPasswordAction: "account.self",
  createStaffAction: "staff.manage",
  updateStaffAction: "staff.manage",
  setStaffActiveAction: "staff.manage",
  resetStaffPasswordAction: "staff.manage",
};

export const STAFF_NAV = STAFF_PAGES.filter((page): page is StaffPage & { nav: string } => Boolean(page.nav));
