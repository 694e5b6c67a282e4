// follow: create or reactivate the resident from their LINE profile, greet them (with the
// registration page and a note not to send personal data in chat), and link their rich menu.
import { refreshResidentRichMenuJob } from "@/lib/rich-menus/refresh-resident-menu";
import { enqueueInTransaction } from "@/lib/webhook/enqueue-in-transaction";
import { greetingMessages } from "@/lib/webhook/replies";
import { fetchLineProfile, followResident } from "@/lib/webhook/residents";
import { field, type EventHandler } from "./types";

export const handleFollow: EventHandler = async (tx, event) => {
  const lineUserId = event.lineUserId!;
  const profile = await fetchLineProfile(lineUserId);
  const { resident, applied, isNew } = await followResident(tx, lineUserId, event.occurredAt, profile);
  if (!applied) return { outcome: "follow:superseded-by-block", residentId: resident.id };
  await enqueueInTransaction(tx, refreshResidentRichMenuJob, [{ residentId: resident.id }]);
  const municipality = await tx.municipality.findUnique({ where: { id: 1 }, select: { name: true } });
  // LINE says whether this follow is an unblock; a resident Kairan already knew without a block (e.g.
  // their first message was handled first) is greeted as new.
  const isUnblocked = field<boolean>(field(event.payload, "follow"), "isUnblocked");
  const returning = typeof isUnblocked === "boolean" ? isUnblocked : !isNew;
  return {
    outcome: isNew ? "follow:new" : "follow:reactivated",
    residentId: resident.id,
    purpose: "greeting",
    messages: greetingMessages({ municipality: municipality?.name ?? "市", returning }),
  };
};
