import type { ApplicationStatus } from "@/generated/prisma/enums";
import type { BadgeTone } from "@/components/ui/status-badge";

export const APPLICATION_STATUSES = ["SUBMITTED", "IN_REVIEW", "RETURNED", "APPROVED", "REJECTED", "WITHDRAWN"] as const satisfies readonly ApplicationStatus[];
/** Applications that still need a reviewer's action. */
export const OPEN_APPLICATION_STATUSES = ["SUBMITTED", "IN_REVIEW"] as const satisfies readonly ApplicationStatus[];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, { label: string; tone: BadgeTone }> = {
  SUBMITTED: { label: "受付", tone: "warning" },
  IN_REVIEW: { label: "審査中", tone: "info" },
  RETURNED: { label: "差し戻し", tone: "neutral" },
  APPROVED: { label: "承認", tone: "success" },
  REJECTED: { label: "却下", tone: "error" },
  WITHDRAWN: { label: "取り下げ", tone: "neutral" },
};
