// unsend: the resident took a message back. Its text and content are deleted from the inbox; the
// conversation shows that a message was withdrawn.
import { Prisma } from "@/generated/prisma/client";
import type { EventHandler } from "./types";
import { field } from "./types";

export const handleUnsend: EventHandler = async (tx, event) => {
  const messageId = field<string>(field(event.payload, "unsend"), "messageId");
  if (!messageId) return { outcome: "skipped:no-message-id", status: "SKIPPED" };
  const message = await tx.inboxMessage.findUnique({ where: { lineMessageId: messageId }, select: { id: true, conversationId: true } });
  if (!message) return { outcome: "unsend:not-in-inbox" };
  await tx.inboxMessage.update({ where: { id: message.id }, data: { text: null, payload: Prisma.DbNull, unsentAt: event.occurredAt } });
  await tx.inboxAttachment.deleteMany({ where: { messageId: message.id } });
  await tx.conversation.update({ where: { id: message.conversationId }, data: { preview: "（送信が取り消されました）" } });
  return { outcome: "unsend:removed" };
};
