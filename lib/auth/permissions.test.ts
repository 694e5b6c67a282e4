import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, ROLES, ROLE_PERMISSIONS, hasPermission, isPermission, permissionsOf } from "@/lib/auth/permissions";
import { STAFF_ACTIONS, STAFF_NAV, STAFF_PAGES } from "@/lib/auth/staff-routes";

describe("permission table", () => {
  it("gives administrators every permission and every role the dashboard and its own account", () => {
    expect(new Set(ROLE_PERMISSIONS.ADMIN)).toEqual(new Set(ALL_PERMISSIONS));
    for (const role of ROLES) {
      expect(hasPermission([role], "dashboard.view")).toBe(true);
      expect(hasPermission([role], "account.self")).toBe(true);
    }
  });

  it("keeps personal data, staff management and the audit log away from viewers, approvers and disaster staff", () => {
    for (const role of ["VIEWER", "APPROVER", "DISASTER"] as const) {
      for (const permission of ["residents.view-personal", "staff.manage", "audit.view", "applications.review"] as const) {
        expect(hasPermission([role], permission), `${role} ${permission}`).toBe(false);
      }
    }
  });

  it("separates drafting from approving (two-person rule), and emergency sending is for disaster staff", () => {
    expect(hasPermission(["EDITOR"], "broadcasts.approve")).toBe(false);
    expect(hasPermission(["APPROVER"], "broadcasts.draft")).toBe(false);
    expect(hasPermission(["DISASTER"], "broadcasts.send-emergency")).toBe(true);
    expect(hasPermission(["EDITOR"], "broadcasts.send-emergency")).toBe(false);
  });

  it("reviewers review only their departments; review-all is an administrator's", () => {
    expect(hasPermission(["REVIEWER"], "applications.review")).toBe(true);
    expect(hasPermission(["REVIEWER"], "applications.review-all")).toBe(false);
  });

  it("combines roles as the union of their permissions", () => {
    const both = permissionsOf(["APPROVER", "REVIEWER"]);
    expect(both.has("broadcasts.approve") && both.has("applications.review")).toBe(true);
    expect(both.has("staff.manage")).toBe(false);
  });

  it("every permission is held by some role, and pages, navigation and actions name real permissions", () => {
    for (const permission of ALL_PERMISSIONS) expect(ROLES.some((role) => ROLE_PERMISSIONS[role].includes(permission)), permission).toBe(true);
    for (const page of STAFF_PAGES) expect(isPermission(page.permission), page.path).toBe(true);
    for (const [name, permission] of Object.entries(STAFF_ACTIONS)) expect(permission === "signed-in" || isPermission(permission), name).toBe(true);
    expect(STAFF_NAV.map((n) => n.nav)).toEqual(["ダッシュボード", "配信", "セグメント", "申請", "受信箱", "住民", "コンテンツ", "設定", "監査ログ"]);
  });
});
