import type { DbTx } from "@/lib/db";
import type { LineMessage } from "@/lib/line/messages";
import type { StoredEvent } from "@/lib/webhook/context";

/** What handling an event did. `messages` are sent to the event's user (reply token or push). */
export type HandlerOutput = {
  outcome: string;
  status?: "HANDLED" | "SKIPPED";
  residentId?: string | null;
  messages?: LineMessage[];
  /** Why the messages are sent (outbound_message.purpose); defaults to the outcome. */
  purpose?: string;
  inboxMessageId?: string | null;
};

export type EventHandler = (tx: DbTx, event: StoredEvent, now: Date) => Promise<HandlerOutput>;

export function field<T = unknown>(object: unknown, key: string): T | undefined {
  return typeof object === "object" && object !== null ? ((object as Record<string, unknown>)[key] as T | undefined) : undefined;
}
