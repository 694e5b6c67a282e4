// A location message: a pending step of a feature first, then the registered location handlers
// (nearest shelters, nurseries …); a location nobody handles goes to the inbox.
import type { DbTx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { buildChatContext, type StoredEvent } from "@/lib/webhook/context";
import { conversationStep, locationHandlers, type ChatResident, type LocationContext } from "@/lib/webhook/registry";
import { toInbox } from "./text";
import type { HandlerOutput } from "./types";

export async function handleLocation(tx: DbTx, event: StoredEvent, now: Date, resident: ChatResident, message: Record<string, unknown>): Promise<HandlerOutput> {
  const base = await buildChatContext(tx, resident, event, now);
  const ctx: LocationContext = {
    ...base,
    latitude: Number(message.latitude),
    longitude: Number(message.longitude),
    title: typeof message.title === "string" ? message.title : undefined,
    address: typeof message.address === "string" ? message.address : undefined,
    messageId: String(message.id ?? event.id),
  };
  const step = base.pendingStep;
  const stepHandler = step ? conversationStep(step.feature)?.location : undefined;
  if (step && stepHandler) {
    await base.clearPendingStep();
    const reply = await stepHandler({ ...ctx, pendingStep: null, step });
    if (reply) return { ...reply, outcome: `step:${step.feature}:${reply.outcome}`, residentId: resident.id };
  }
  for (const handler of locationHandlers()) {
    const reply = await handler.handle(ctx);
    if (reply) return { ...reply, outcome: `location:${handler.name}:${reply.outcome}`, purpose: `location:${handler.name}`, residentId: resident.id };
  }
  const text = [ctx.title, ctx.address].filter(Boolean).join(" ") || `${ctx.latitude.toFixed(5)}, ${ctx.longitude.toFixed(5)}`;
  return toInbox(tx, resident, event, now, { id: ctx.messageId, kind: "LOCATION", text, payload: message as Prisma.InputJsonValue });
}
