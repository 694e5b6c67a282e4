// postback: dispatched by its `action=` parameter to the feature that registered it
// (lib/webhook/registry.ts). Kairan's own: action=contact (the rich menu's 「相談する」).
import type { DbTx } from "@/lib/db";
import { buildChatContext, type StoredEvent } from "@/lib/webhook/context";
import { postbackHandler } from "@/lib/webhook/registry";
import { ensureResident } from "@/lib/webhook/residents";
import { field, type HandlerOutput } from "./types";

export function parsePostbackData(data: string): { action: string; params: URLSearchParams } {
  const params = new URLSearchParams(data);
  return { action: params.get("action") ?? "", params };
}

export async function handlePostback(tx: DbTx, event: StoredEvent, now: Date): Promise<HandlerOutput> {
  const postback = field<Record<string, unknown>>(event.payload, "postback") ?? {};
  const data = typeof postback.data === "string" ? postback.data : "";
  const { action, params } = parsePostbackData(data);
  const resident = await ensureResident(tx, event.lineUserId!);
  const handler = action ? postbackHandler(action) : undefined;
  if (!handler) return { outcome: `postback:unknown:${action.slice(0, 40) || "(none)"}`, residentId: resident.id };
  const pickerParams = Object.fromEntries(Object.entries((postback.params ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"));
  const base = await buildChatContext(tx, resident, event, now);
  const reply = await handler({ ...base, data, action, params, pickerParams });
  return { ...reply, outcome: `postback:${action}:${reply.outcome}`, purpose: `postback:${action}`, residentId: resident.id };
}
