// unfollow: the resident blocked the account. Marked BLOCKED (never a delivery target); their data
// stays, as the retention rules of each form decide. No reply is possible.
import { blockResident } from "@/lib/webhook/residents";
import type { EventHandler } from "./types";

export const handleUnfollow: EventHandler = async (tx, event) => {
  const { residentId, applied } = await blockResident(tx, event.lineUserId!, event.occurredAt);
  return { outcome: applied ? "unfollow:blocked" : "unfollow:superseded-by-follow", residentId };
};
