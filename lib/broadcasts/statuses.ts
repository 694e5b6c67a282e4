import type { BroadcastStatus } from "@/generated/prisma/enums";
import type { BadgeTone } from "@/components/ui/status-badge";

export const BROADCAST_STATUSES = ["DRAFT", "PENDING_APPROVAL", "RETURNED", "APPROVED", "SENDING", "SENT", "CANCELED", "FAILED"] as const satisfies readonly BroadcastStatus[];

export const BROADCAST_STATUS_LABELS: Record<BroadcastStatus, { label: string; tone: BadgeTone }> = {
  DRAFT: { label: "下書き", tone: "neutral" },
  PENDING_APPROVAL: { label: "承認待ち", tone: "warning" },
  RETURNED: { label: "差し戻し", tone: "error" },
  APPROVED: { label: "承認済み（配信待ち）", tone: "info" },
  SENDING: { label: "配信中", tone: "info" },
  SENT: { label: "配信済み", tone: "success" },
  CANCELED: { label: "取り消し", tone: "neutral" },
  FAILED: { label: "配信失敗", tone: "error" },
};

/** Content and target can still change (by the author) only before submission. */
export const EDITABLE_STATUSES = ["DRAFT", "RETURNED"] as const satisfies readonly BroadcastStatus[];
/** Approved broadcasts can still be canceled before (or between, if recurring) their runs, and while sending. */
export const CANCELABLE_STATUSES = ["DRAFT", "PENDING_APPROVAL", "RETURNED", "APPROVED", "SENDING"] as const satisfies readonly BroadcastStatus[];
