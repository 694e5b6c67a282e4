// Messages to residents, sent exactly once as far as LINE allows. A message is written (status
// PENDING) in the transaction that decided to send it, then sent:
//   1. with the event's reply token while it is fresh (free of charge; LINE: use within a minute);
//   2. otherwise, or when LINE refuses the token, as a push whose X-Line-Retry-Key is the row's id —
//      a retried push after a lost answer gets 409 "already accepted" and is not delivered twice.
// Two senders never send one row at once (claim with locked_until). A reply that fails with a 5xx
// or a dropped connection may or may not have been delivered, and the reply API takes no retry
// key; Kairan then pushes, preferring a rare duplicate to a lost answer.
import type { Db, DbTx } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { getMessagingApiClient } from "@/lib/line/clients";
import { classifyLineError } from "@/lib/line/errors";
import { assertMessageCount, type LineMessage } from "@/lib/line/messages";

/** Reply tokens are good for about a minute (FACTS.md §2); keep a margin for the send itself. */
export const REPLY_TOKEN_USABLE_MS = 50_000;
const LOCK_MS = 60_000;
/** After this many attempts a message is given up (the staff inbox shows it as failed). */
export const OUTBOUND_MAX_ATTEMPTS = 8;

export class OutboundRetryLater extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OutboundRetryLater";
  }
}

export type QueueOutboundInput = {
  lineUserId: string;
  residentId?: string | null;
  purpose: string;
  messages: LineMessage[];
  webhookEventId?: string | null;
  inboxMessageId?: string | null;
  replyToken?: string | null;
  /** When the event happened and when Kairan received it: the token is fresh while both are recent. */
  eventAt?: Date;
  receivedAt?: Date;
};

export function replyTokenExpiry(eventAt: Date, receivedAt: Date): Date {
  return new Date(Math.min(eventAt.getTime(), receivedAt.getTime()) + REPLY_TOKEN_USABLE_MS);
}

/** Writes a message to send (inside the caller's transaction). */
export async function queueOutbound(tx: DbTx, input: QueueOutboundInput): Promise<string> {
  assertMessageCount(input.messages);
  const replyToken = input.replyToken && input.eventAt && input.receivedAt ? input.replyToken : null;
  const row = await tx.outboundMessage.create({
    data: {
      lineUserId: input.lineUserId,
      residentId: input.residentId ?? null,
      purpose: input.purpose.slice(0, 100),
      messages: input.messages as unknown as Prisma.InputJsonValue,
      webhookEventId: input.webhookEventId ?? null,
      inboxMessageId: input.inboxMessageId ?? null,
      replyToken,
      replyTokenExpiresAt: replyToken ? replyTokenExpiry(input.eventAt!, input.receivedAt!) : null,
    },
    select: { id: true },
  });
  return row.id;
}

export type SendResult = "sent" | "already-sent" | "failed" | "busy";

/**
 * Sends one queued message. Throws OutboundRetryLater when LINE asks to come back later (429, 5xx,
 * network); the row stays PENDING for the next attempt.
 */
export async function sendOutbound(db: Db, id: string, now: () => Date = () => new Date()): Promise<SendResult> {
  const claimed = await db.$queryRaw<{ id: string; line_user_id: string; messages: LineMessage[]; reply_token: string | null; reply_token_expires_at: Date | null; attempts: number }[]>`
    UPDATE outbound_message SET attempts = attempts + 1, locked_until = now() + ${`${LOCK_MS} milliseconds`}::interval
    WHERE id = ${id}::uuid AND status = 'PENDING' AND (locked_until IS NULL OR locked_until < now())
    RETURNING id, line_user_id, messages, reply_token, reply_token_expires_at, attempts`;
  const row = claimed[0];
  if (!row) {
    const existing = await db.outboundMessage.findUnique({ where: { id }, select: { status: true } });
    return existing?.status === "PENDING" ? "busy" : "already-sent";
  }
  const client = getMessagingApiClient();
  const finish = (data: Prisma.OutboundMessageUpdateInput) => db.outboundMessage.update({ where: { id }, data: { ...data, lockedUntil: null } });

  if (row.reply_token && row.reply_token_expires_at && row.reply_token_expires_at.getTime() > now().getTime()) {
    try {
      await client.replyMessage({ replyToken: row.reply_token, messages: row.messages });
      await finish({ status: "SENT", via: "REPLY", sentAt: now(), replyToken: null });
      return "sent";
    } catch (error) {
      const outcome = classifyLineError(error);
      // Whatever happened, the token is used up or unusable: never try it again.
      await db.outboundMessage.update({ where: { id }, data: { replyToken: null, lastError: `reply: ${describe(outcome)}` } });
      if (outcome.kind === "rejected" && outcome.status !== 400) {
        // Not a token problem (e.g. the messages are invalid): a push would be refused as well.
        await finish({ status: "FAILED", lastError: `reply: ${describe(outcome)}` });
        return "failed";
      }
    }
  } else if (row.reply_token) {
    await db.outboundMessage.update({ where: { id }, data: { replyToken: null } });
  }

  try {
    await client.pushMessage({ to: row.line_user_id, messages: row.messages }, id);
    await finish({ status: "SENT", via: "PUSH", sentAt: now() });
    return "sent";
  } catch (error) {
    const outcome = classifyLineError(error);
    if (outcome.kind === "already-accepted") {
      await finish({ status: "SENT", via: "PUSH", sentAt: now() });
      return "sent";
    }
    if (outcome.kind === "rejected" || (outcome.kind === "rate-limited" && outcome.monthlyLimit) || row.attempts >= OUTBOUND_MAX_ATTEMPTS) {
      await finish({ status: "FAILED", lastError: `push: ${describe(outcome)}` });
      return "failed";
    }
    await finish({ lastError: `push: ${describe(outcome)}` });
    throw new OutboundRetryLater(`push ${id}: ${describe(outcome)}`, { cause: error });
  }
}

function describe(outcome: ReturnType<typeof classifyLineError>): string {
  switch (outcome.kind) {
    case "already-accepted":
      return "already accepted";
    case "retry":
      return `${outcome.reason}${outcome.status ? ` ${outcome.status}` : ""}`;
    case "rate-limited":
      return outcome.monthlyLimit ? "monthly limit reached" : "rate limited";
    case "rejected":
      return `${outcome.status} ${outcome.message}${outcome.details.length ? ` (${outcome.details.map((d) => `${d.property}: ${d.message}`).join("; ")})` : ""}`.slice(0, 1000);
  }
}

/** Sends every pending message of an event, oldest first. Rethrows the first retryable failure. */
export async function flushOutboundForEvent(db: Db, webhookEventId: string): Promise<void> {
  const pending = await db.outboundMessage.findMany({ where: { webhookEventId, status: "PENDING" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  for (const { id } of pending) await sendOutbound(db, id);
}
