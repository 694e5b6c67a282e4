// The context handlers get (lib/webhook/registry.ts): the resident, the event, the transaction and
// the resident's pending conversation step.
import type { DbTx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { DEFAULT_STEP_TTL_SECONDS, type ChatContext, type ChatResident, type PendingStep } from "@/lib/webhook/registry";

export type StoredEvent = {
  id: string;
  type: string;
  mode: string | null;
  lineUserId: string | null;
  occurredAt: Date;
  receivedAt: Date;
  payload: Record<string, unknown>;
};

export const CHAT_RESIDENT_SELECT = {
  id: true,
  lineUserId: true,
  displayName: true,
  preferredLanguage: true,
  registeredAt: true,
  districtId: true,
} as const satisfies Prisma.ResidentSelect;

/** The resident's pending step, or null; an expired one is deleted. */
export async function loadPendingStep(tx: DbTx, residentId: string, now: Date): Promise<PendingStep | null> {
  const row = await tx.pendingConversationStep.findUnique({ where: { residentId } });
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await tx.pendingConversationStep.deleteMany({ where: { residentId, expiresAt: { lte: now } } });
    return null;
  }
  return { feature: row.feature, step: row.step, data: (row.data ?? {}) as Record<string, unknown>, expiresAt: row.expiresAt };
}

export async function buildChatContext(tx: DbTx, resident: ChatResident, event: StoredEvent, now: Date): Promise<ChatContext> {
  const pendingStep = await loadPendingStep(tx, resident.id, now);
  return {
    tx,
    resident,
    event: { id: event.id, type: event.type, occurredAt: event.occurredAt },
    now,
    pendingStep,
    async setPendingStep({ feature, step, data = {}, ttlSeconds = DEFAULT_STEP_TTL_SECONDS }) {
      const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
      const json = data as Prisma.InputJsonValue;
      await tx.pendingConversationStep.upsert({
        where: { residentId: resident.id },
        create: { residentId: resident.id, feature, step, data: json, expiresAt },
        update: { feature, step, data: json, expiresAt, createdAt: now },
      });
    },
    async clearPendingStep() {
      await tx.pendingConversationStep.deleteMany({ where: { residentId: resident.id } });
    },
  };
}
