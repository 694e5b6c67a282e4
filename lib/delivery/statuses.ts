// Delivery run and batch statuses (as GOV.UK Notify keeps created → sending → delivered | failures).
import type { DeliveryBatchStatus, DeliveryRunStatus } from "@/generated/prisma/enums";
import type { BadgeTone } from "@/components/ui/status-badge";

export const DELIVERY_RUN_STATUSES = ["SENDING", "SENT", "PARTIAL", "FAILED", "CANCELED"] as const satisfies readonly DeliveryRunStatus[];
export const DELIVERY_BATCH_STATUSES = ["PENDING", "SENDING", "SENT", "FAILED", "CANCELED"] as const satisfies readonly DeliveryBatchStatus[];
/** Batches that still need work. */
export const OPEN_BATCH_STATUSES = ["PENDING", "SENDING"] as const satisfies readonly DeliveryBatchStatus[];

export const DELIVERY_RUN_STATUS_LABELS: Record<DeliveryRunStatus, { label: string; tone: BadgeTone }> = {
  SENDING: { label: "配信中", tone: "info" },
  SENT: { label: "配信完了", tone: "success" },
  PARTIAL: { label: "一部失敗", tone: "warning" },
  FAILED: { label: "配信失敗", tone: "error" },
  CANCELED: { label: "取り消し", tone: "neutral" },
};
