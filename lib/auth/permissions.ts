// The permission table: what each named permission allows, and which roles hold it. Every staff
// page, server action and route handler names the permission it needs (lib/auth/staff-access.ts),
// and the permission-matrix e2e test walks this table against the running app.
import type { StaffRole } from "@/generated/prisma/enums";

export const PERMISSIONS = {
  "dashboard.view": "ダッシュボードを見る",
  "account.self": "自分のアカウント（パスワード変更）を管理する",
  "broadcasts.view": "配信の一覧と内容を見る",
  "broadcasts.draft": "配信を起案する",
  "broadcasts.approve": "配信を承認・差し戻す",
  "broadcasts.send-emergency": "緊急配信（防災）を承認なしで送る",
  "broadcasts.cancel": "配信を取り消す（作成した配信、または承認者として）",
  "segments.view": "セグメントを見る",
  "segments.edit": "セグメントを作成・編集する",
  "applications.review": "申請を審査する（担当部署の申請のみ）",
  "applications.review-all": "すべての部署の申請を審査する",
  "inbox.reply": "相談窓口で住民に返信する",
  "residents.view-personal": "住民の登録情報（個人情報）を見る",
  "content.view": "コンテンツ（自動応答・リッチメニュー・ごみ分別・保育施設など）を見る",
  "content.edit": "コンテンツを編集する",
  "staff.manage": "職員アカウントを管理する",
  "audit.view": "監査ログを見る・書き出す",
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export const ROLE_LABELS: Record<StaffRole, string> = {
  ADMIN: "管理者",
  EDITOR: "起案者",
  APPROVER: "承認者",
  REVIEWER: "審査担当",
  DISASTER: "防災担当",
  VIEWER: "閲覧者",
};

export const ROLE_DESCRIPTIONS: Record<StaffRole, string> = {
  ADMIN: "すべての機能を使えます。職員の管理と監査ログの閲覧ができます。",
  EDITOR: "配信の起案、セグメント・コンテンツの編集、相談窓口での返信ができます。",
  APPROVER: "ほかの職員が起案した配信を承認・差し戻しできます。",
  REVIEWER: "担当部署に届いた申請を審査できます。",
  DISASTER: "防災担当として緊急配信を送れます。",
  VIEWER: "配信・セグメント・コンテンツを閲覧できます（個人情報は見られません）。",
};

export const ROLES = ["ADMIN", "EDITOR", "APPROVER", "REVIEWER", "DISASTER", "VIEWER"] as const satisfies readonly StaffRole[];

const BASE: Permission[] = ["dashboard.view", "account.self"];

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  ADMIN: ALL_PERMISSIONS,
  EDITOR: [
    ...BASE,
    "broadcasts.view",
    "broadcasts.draft",
    "broadcasts.cancel",
    "segments.view",
    "segments.edit",
    "inbox.reply",
    "residents.view-personal",
    "content.view",
    "content.edit",
  ],
  APPROVER: [...BASE, "broadcasts.view", "broadcasts.approve", "broadcasts.cancel", "segments.view"],
  REVIEWER: [...BASE, "applications.review"],
  DISASTER: [...BASE, "broadcasts.view", "broadcasts.draft", "broadcasts.send-emergency", "broadcasts.cancel", "segments.view", "content.view"],
  VIEWER: [...BASE, "broadcasts.view", "segments.view", "content.view"],
};

export function permissionsOf(roles: readonly StaffRole[]): Set<Permission> {
  const set = new Set<Permission>();
  for (const role of roles) for (const permission of ROLE_PERMISSIONS[role]) set.add(permission);
  return set;
}

export function hasPermission(roles: readonly StaffRole[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
}

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}
