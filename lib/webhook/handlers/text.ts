// A text message, routed in order (lib/webhook/registry.ts): a pending conversation step of a
// feature; the auto-reply rules; feature intents; otherwise the 相談窓口 inbox with an
// acknowledgement (outside office hours, the hours).
import { env } from "@/lib/env";
import { findAutoReply } from "@/lib/auto-replies/find-auto-reply";
import { addInboundMessage } from "@/lib/inbox/receive";
import { describeOfficeHours, isWithinOfficeHours, parseOfficeHours } from "@/lib/inbox/office-hours";
import { buildChatContext } from "@/lib/webhook/context";
import { conversationStep, normalizeChatText, textIntents, type ChatResident, type TextContext } from "@/lib/webhook/registry";
import { acknowledgementMessage } from "@/lib/webhook/replies";
import type { DbTx } from "@/lib/db";
import type { StoredEvent } from "@/lib/webhook/context";
import type { Prisma } from "@/generated/prisma/client";
import type { InboxMessageKind } from "@/generated/prisma/enums";
import type { HandlerOutput } from "./types";

export function officeHoursNow(now: Date): { inOfficeHours: boolean; hours: string } {
  const hours = parseOfficeHours(env().INBOX_OFFICE_HOURS);
  return { inOfficeHours: isWithinOfficeHours(hours, now), hours: describeOfficeHours(hours) };
}

/** Puts a resident's message in the inbox; acknowledges the first of a burst. */
export async function toInbox(
  tx: DbTx,
  resident: ChatResident,
  event: StoredEvent,
  now: Date,
  message: { id: string; kind: InboxMessageKind; text?: string | null; payload: Prisma.InputJsonValue; needsAnswer?: boolean },
): Promise<HandlerOutput & { inboxMessageId: string | null }> {
  const result = await addInboundMessage(tx, {
    residentId: resident.id,
    lineMessageId: message.id,
    kind: message.kind,
    text: message.text,
    payload: message.payload,
    at: event.occurredAt,
    needsAnswer: message.needsAnswer,
  });
  return {
    outcome: result.created ? "inbox" : "inbox:duplicate",
    residentId: resident.id,
    inboxMessageId: result.messageId,
    purpose: "inbox-ack",
    messages: result.acknowledge ? [acknowledgementMessage(officeHoursNow(now))] : [],
  };
}

export async function handleText(tx: DbTx, event: StoredEvent, now: Date, resident: ChatResident, message: Record<string, unknown>): Promise<HandlerOutput> {
  const text = typeof message.text === "string" ? message.text : "";
  const base = await buildChatContext(tx, resident, event, now);
  const ctx: TextContext = { ...base, text, normalizedText: normalizeChatText(text), messageId: String(message.id ?? event.id) };

  // 1. A feature waiting for this resident's answer.
  const step = base.pendingStep;
  const stepHandler = step ? conversationStep(step.feature)?.text : undefined;
  if (step && stepHandler) {
    await base.clearPendingStep();
    const reply = await stepHandler({ ...ctx, pendingStep: null, step });
    if (reply) return { ...reply, outcome: `step:${step.feature}:${reply.outcome}`, residentId: resident.id };
  }

  // 2. Auto-reply rules.
  const auto = await findAutoReply(tx, { text, now });
  if (auto) return { outcome: `auto-reply:${auto.rule.id}`, purpose: "auto-reply", residentId: resident.id, messages: auto.messages };

  // 3. Feature intents.
  for (const intent of textIntents()) {
    if (await intent.match(text, ctx)) {
      const reply = await intent.handle(ctx);
      return { ...reply, outcome: `intent:${intent.name}:${reply.outcome}`, purpose: `intent:${intent.name}`, residentId: resident.id };
    }
  }

  // 4. Staff.
  return toInbox(tx, resident, event, now, { id: ctx.messageId, kind: "TEXT", text, payload: message as Prisma.InputJsonValue });
}
