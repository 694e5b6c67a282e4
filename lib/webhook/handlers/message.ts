// message events by message type.
import type { DbTx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import type { StoredEvent } from "@/lib/webhook/context";
import { ensureResident } from "@/lib/webhook/residents";
import { handleLocation } from "./location";
import { handleMedia } from "./media";
import { handleText, toInbox } from "./text";
import { field, type HandlerOutput } from "./types";

export async function handleMessage(tx: DbTx, event: StoredEvent, now: Date): Promise<HandlerOutput> {
  const message = field<Record<string, unknown>>(event.payload, "message");
  if (!message || typeof message !== "object") return { outcome: "skipped:no-message", status: "SKIPPED" };
  const resident = await ensureResident(tx, event.lineUserId!);
  switch (message.type) {
    case "text":
      return handleText(tx, event, now, resident, message);
    case "location":
      return handleLocation(tx, event, now, resident, message);
    case "image":
    case "video":
    case "audio":
    case "file":
      return handleMedia(tx, event, now, resident, message);
    case "sticker": {
      // A sticker joins an open conversation (often a thank-you) but does not open one or ask for an answer.
      const open = await tx.conversation.findUnique({ where: { residentId: resident.id }, select: { status: true } });
      if (open?.status !== "OPEN") return { outcome: "sticker:ignored", residentId: resident.id };
      const result = await toInbox(tx, resident, event, now, {
        id: String(message.id ?? event.id),
        kind: "STICKER",
        text: Array.isArray(message.keywords) ? (message.keywords as string[]).slice(0, 3).join("・") : null,
        payload: message as Prisma.InputJsonValue,
        needsAnswer: false,
      });
      return { ...result, messages: [] };
    }
    default:
      return { outcome: `skipped:message-type:${String(message.type)}`, status: "SKIPPED", residentId: resident.id };
  }
}
