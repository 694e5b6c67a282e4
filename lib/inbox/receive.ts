// Messages from residents into the 相談窓口: one conversation per resident, reopened when a resolved
// one gets a new message. Idempotent per LINE message id (a retried event adds nothing twice).
import type { DbTx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import type { InboxMessageKind } from "@/generated/prisma/enums";

/** One acknowledgement per burst: a resident typing five lines gets one answer, not five. */
export const ACK_INTERVAL_MS = 30 * 60_000;
const PREVIEW_LENGTH = 80;

const KIND_PREVIEW: Record<InboxMessageKind, string> = {
  TEXT: "",
  IMAGE: "［画像］",
  VIDEO: "［動画］",
  AUDIO: "［音声］",
  FILE: "［ファイル］",
  STICKER: "［スタンプ］",
  LOCATION: "［位置情報］",
};

export function previewOf(kind: InboxMessageKind, text: string | null): string {
  const base = kind === "TEXT" ? (text ?? "") : `${KIND_PREVIEW[kind]}${text ? ` ${text}` : ""}`;
  const flat = base.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

export type InboundInput = {
  residentId: string;
  lineMessageId: string;
  kind: InboxMessageKind;
  text?: string | null;
  payload?: Prisma.InputJsonValue;
  at: Date;
  /** Count it as unread and acknowledge it (false for a sticker in an open conversation). */
  needsAnswer?: boolean;
};

export type InboundResult = { conversationId: string; messageId: string | null; created: boolean; acknowledge: boolean };

export async function addInboundMessage(tx: DbTx, input: InboundInput): Promise<InboundResult> {
  const needsAnswer = input.needsAnswer ?? true;
  const existing = await tx.inboxMessage.findUnique({ where: { lineMessageId: input.lineMessageId }, select: { id: true, conversationId: true } });
  if (existing) return { conversationId: existing.conversationId, messageId: existing.id, created: false, acknowledge: false };

  // One row per resident, created race-free, then locked: two messages of one resident handled at
  // once (several workers) queue here, so unread counts add up and only one of them is acknowledged.
  await tx.$executeRaw`
    INSERT INTO conversation (resident_id, status, unread_count, last_message_at, updated_at)
    VALUES (${input.residentId}::uuid, 'OPEN', 0, ${input.at}, now())
    ON CONFLICT (resident_id) DO NOTHING`;
  const [before] = await tx.$queryRaw<{ id: string; status: "OPEN" | "RESOLVED"; last_ack_at: Date | null; last_inbound_at: Date | null; last_message_at: Date }[]>`
    SELECT id, status, last_ack_at, last_inbound_at, last_message_at FROM conversation WHERE resident_id = ${input.residentId}::uuid FOR UPDATE`;
  const fresh = before!.last_inbound_at === null;
  const acknowledge = needsAnswer && (fresh || before!.status === "RESOLVED" || !before!.last_ack_at || input.at.getTime() - before!.last_ack_at.getTime() >= ACK_INTERVAL_MS);
  // Messages handled out of order do not move the list's time and preview backwards.
  const newest = fresh || input.at.getTime() >= before!.last_message_at.getTime();
  const conversation = await tx.conversation.update({
    where: { id: before!.id },
    data: {
      ...(needsAnswer ? { status: "OPEN", resolvedAt: null, unreadCount: { increment: 1 } } : {}),
      ...(newest ? { lastMessageAt: input.at, lastInboundAt: input.at, preview: previewOf(input.kind, input.text ?? null) } : {}),
      ...(acknowledge ? { lastAckAt: input.at } : {}),
    },
    select: { id: true },
  });
  const message = await tx.inboxMessage.create({
    data: {
      conversationId: conversation.id,
      direction: "INBOUND",
      kind: input.kind,
      text: input.text ?? null,
      lineMessageId: input.lineMessageId,
      payload: input.payload,
      createdAt: input.at,
    },
    select: { id: true },
  });
  return { conversationId: conversation.id, messageId: message.id, created: true, acknowledge };
}
