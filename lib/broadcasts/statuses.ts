import type { BroadcastStatus } from "@/generated/prisma/enums";
import type { BadgeTone } from "@/components/ui/status-badge";

export const BROADCAST_STATUSES = ["DRAFT", "PENDING_APPROVAL", "APPROVED", "SENDING", "SENT", "CANCELED", "FAILED"] as const satisfies readonly BroadcastStatus[];

export const BROADCAST_STATUS_LABELS: Record<BroadcastStatus, { label: string; tone: BadgeTone }> = {
  DRAFT: { label: "下書き", tone: "neutral" },
  PENDING_APPROVAL: { label: "承認待ち", tone: "warning" },
  APPROVED: { label: "承認済み（配信待ち）", tone: "info" },
  SENDING: { label: "配信中", tone: "info" },
  SENT: { label: "配信済み", tone: "success" },
  CANCELED: { label: "取り消し", tone: "neutral" },
  FAILED: { label: "配信失敗", tone: "error" },
};
