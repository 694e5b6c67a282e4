// CSV of audit entries: UTF-8 with a BOM so Excel opens Japanese text correctly, CRLF line ends,
// and every cell that a spreadsheet would run as a formula neutralised — an e-mail typed at a
// failed sign-in ends up in this file, so it is attacker-controlled text.
import { auditActionLabel, auditTargetTypeLabel } from "@/lib/audit/actions";
import { formatDateTime } from "@/lib/format";

export const CSV_BOM = "\uFEFF";

export const AUDIT_CSV_HEADER = ["日時", "操作者", "操作者ID", "操作", "操作コード", "対象の種類", "対象ID", "内容", "IPアドレス", "ユーザーエージェント"];

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export type AuditRow = {
  at: Date;
  actorLabel: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: unknown;
  ip: string | null;
  userAgent: string | null;
};

export function auditCsvLine(row: AuditRow): string {
  return csvLine([
    formatDateTime(row.at),
    row.actorLabel,
    row.actorId,
    auditActionLabel(row.action),
    row.action,
    auditTargetTypeLabel(row.targetType),
    row.targetId,
    row.summary ?? "",
    row.ip,
    row.userAgent,
  ]);
}
