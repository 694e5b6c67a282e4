// The part of a multicast that needs no state but the friend table: parse the body, check it as LINE
// does, and resolve the 500 recipients. A pure function so that it can run in the parser thread
// (core/parse-offload.ts) while the main thread serves other requests, or inline — the answer is
// the same either way. What needs the emulator's state (retry keys, unknown ids, quota, the record)
// happens afterwards on the main thread (messaging.ts).
import { jsonParseError, lineError, type Reply } from "../core/http";
import { resolveUserIdsInTable, type FriendTable } from "../state/friend-table";
import type { ValidationOptions } from "../validation/actions";
import { InvalidProperty, Issues, MAY_NOT_BE_EMPTY, isRecord, optionalArray, optionalBoolean, sizeBetween } from "../validation/issues";
import { validateMessageArray } from "../validation/messages";

/** multicast `to`: maxItems 500 (messaging-api.yml MulticastRequest; FACTS.md §2). */
export const LINE_MULTICAST_MAX_RECIPIENTS = 500;

export type PreparedMulticast =
  | { ok: false; reply: Pick<Reply, "status" | "json"> }
  | {
      ok: true;
      /** Resident numbers; 0 at the positions in `unknown` (resolved on the main thread). */
      uids: Int32Array;
      notFriends: number[];
      unknown: number[];
      unknownIds: string[];
      messages: unknown[];
      notificationDisabled: boolean;
      tableVersion: number;
    };

export function checkNotificationDisabled(body: Record<string, unknown>): boolean {
  return optionalBoolean(body, "notificationDisabled", "") ?? false;
}

export function checkAggregationUnits(issues: Issues, body: Record<string, unknown>): void {
  const units = optionalArray(body, "customAggregationUnits", "");
  if (!units) return;
  // "Max unit number: 1"; "Max character limit: 30"; [a-zA-Z0-9_]
  if (units.length > 1) issues.add("customAggregationUnits", sizeBetween(0, 1));
  units.forEach((unit, i) => {
    if (typeof unit !== "string") throw new InvalidProperty(`customAggregationUnits[${i}]`);
    if (!/^[a-zA-Z0-9_]{1,30}$/.test(unit)) issues.add(`customAggregationUnits[${i}]`, "Invalid unit name");
  });
}

export function prepareMulticast(bytes: Uint8Array, table: FriendTable, options: ValidationOptions): PreparedMulticast {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { ok: false, reply: jsonParseError(text, error) };
  }
  try {
    return check(body, table, options);
  } catch (error) {
    if (error instanceof InvalidProperty) return { ok: false, reply: lineError(400, error.message) };
    throw error;
  }
}

function check(body: unknown, table: FriendTable, options: ValidationOptions): PreparedMulticast {
  if (!isRecord(body)) return { ok: false, reply: lineError(400, "The request body has 1 error(s)", [{ message: "must be a JSON object", property: "" }]) };
  const issues = new Issues();
  const to = body.to;
  let recipients: unknown[] = [];
  if (to === undefined || to === null) issues.add("to", MAY_NOT_BE_EMPTY);
  else if (!Array.isArray(to)) throw new InvalidProperty("to");
  else {
    recipients = to;
    if (to.length < 1 || to.length > LINE_MULTICAST_MAX_RECIPIENTS) issues.add("to", sizeBetween(1, LINE_MULTICAST_MAX_RECIPIENTS));
  }
  // Anything but a user id is a binding error — "You can't send messages to group chats", and the
  // reference example answers a bad entry with "The property, to[1], in the request body is invalid".
  const uids = new Int32Array(recipients.length);
  const notFriends: number[] = [];
  const unknown: number[] = [];
  const invalid = resolveUserIdsInTable(table, recipients, uids, notFriends, unknown);
  if (invalid >= 0) throw new InvalidProperty(`to[${invalid}]`);
  const messages = validateMessageArray(issues, body, options);
  const notificationDisabled = checkNotificationDisabled(body);
  checkAggregationUnits(issues, body);
  if (!issues.empty) {
    const error = issues.toBody();
    return { ok: false, reply: lineError(400, error.message, error.details) };
  }
  return {
    ok: true,
    uids,
    notFriends,
    unknown,
    unknownIds: unknown.map((position) => recipients[position] as string),
    messages,
    notificationDisabled,
    tableVersion: table.version,
  };
}
