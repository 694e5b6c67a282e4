// Every audit action Kairan writes, with the Japanese label the audit screen shows.
export const AUDIT_ACTIONS = {
  "auth.sign-in": "ログイン",
  "auth.sign-in-failed": "ログイン失敗",
  "auth.locked": "ログインの一時停止（連続失敗）",
  "auth.sign-out": "ログアウト",
  "auth.session-expired": "無操作によるログアウト",
  "auth.forbidden": "権限のない操作の拒否",
  "staff.create": "職員の作成",
  "staff.update": "職員の変更",
  "staff.deactivate": "職員の無効化",
  "staff.reactivate": "職員の再有効化",
  "staff.reset-password": "パスワードの再発行",
  "staff.change-password": "パスワードの変更",
  "residents.view-personal": "住民の個人情報の閲覧",
  "audit.export": "監査ログの書き出し",
  "seed.demo-city": "デモデータの投入",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as Record<string, string>)[action] ?? action;
}

export const AUDIT_TARGET_TYPES = {
  staff: "職員",
  resident: "住民",
  "resident-list": "住民一覧",
  "audit-log": "監査ログ",
  session: "セッション",
  route: "画面・操作",
  city: "自治体データ",
} as const;

export type AuditTargetType = keyof typeof AUDIT_TARGET_TYPES;

export function auditTargetTypeLabel(type: string | null): string {
  if (!type) return "";
  return (AUDIT_TARGET_TYPES as Record<string, string>)[type] ?? type;
}
