// refreshResidentRichMenuJob: links the rich menu a resident should see (unregistered/registered,
// preferred language, disaster mode) through LINE's per-user link API. Enqueued after a follow, a
// registration, a withdrawal or a language change:
//
//   await enqueue(refreshResidentRichMenuJob, { residentId });
//
// Safe to run twice (linking is idempotent). A resident who blocked the account is skipped (LINE
// drops per-user links of blockers; the follow handler links again when they come back). A
// relinking run for the disaster switch that starts while this runs is detected by the version
// check and this resident is linked again with the new state.
import { db, type Db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define-job";
import { getMessagingApiClient } from "@/lib/line/clients";
import { classifyLineError } from "@/lib/line/errors";
import { selectMenu } from "@/lib/rich-menus/slots";

export type RefreshResidentRichMenuResult =
  | { status: "linked"; lineRichMenuId: string }
  | { status: "unlinked" }
  | { status: "skipped"; reason: "not-found" | "blocked" | "rejected" };

/** Retryable trouble talking to LINE (rate limit, 5xx, network): the job retries with backoff. */
export class RichMenuLinkRetry extends Error {}

async function currentTarget(database: Db, residentId: string) {
  const [resident, state, menus] = await Promise.all([
    database.resident.findUnique({ where: { id: residentId }, select: { id: true, lineUserId: true, followStatus: true, registeredAt: true, preferredLanguage: true, richMenuLink: true } }),
    database.richMenuState.findUnique({ where: { id: 1 } }),
    database.richMenu.findMany({ where: { activeSlot: { not: null }, lineRichMenuId: { not: null } }, select: { id: true, activeSlot: true, lineRichMenuId: true } }),
  ]);
  const version = state?.version ?? 0;
  if (!resident) return { resident: null, version, menu: null };
  const menu = selectMenu({ registered: resident.registeredAt !== null, language: resident.preferredLanguage, disasterMode: state?.disasterMode ?? false }, menus);
  return { resident, version, menu };
}

export async function refreshResidentRichMenu(database: Db, { residentId }: { residentId: string }): Promise<RefreshResidentRichMenuResult> {
  const client = getMessagingApiClient();
  for (let round = 0; ; round++) {
    const { resident, version, menu } = await currentTarget(database, residentId);
    if (!resident) return { status: "skipped", reason: "not-found" };
    if (resident.followStatus === "BLOCKED") return { status: "skipped", reason: "blocked" };
    try {
      if (menu?.lineRichMenuId) {
        await client.linkRichMenuIdToUser(resident.lineUserId, menu.lineRichMenuId);
        await database.residentRichMenuLink.upsert({
          where: { residentId },
          create: { residentId, lineRichMenuId: menu.lineRichMenuId },
          update: { lineRichMenuId: menu.lineRichMenuId, linkedAt: new Date() },
        });
      } else if (resident.richMenuLink) {
        // No menu for this resident: remove the per-user link so LINE's default menu shows.
        await client.unlinkRichMenuIdFromUser(resident.lineUserId);
        await database.residentRichMenuLink.deleteMany({ where: { residentId } });
      }
    } catch (error) {
      const outcome = classifyLineError(error);
      if (outcome.kind === "rejected") {
        // 400/404: LINE refuses (not a friend any more, menu deleted meanwhile). Retrying cannot help.
        console.warn(`[rich-menus] link for resident ${residentId} rejected: ${outcome.status} ${outcome.message}`);
        return { status: "skipped", reason: "rejected" };
      }
      throw new RichMenuLinkRetry(`rich menu link for resident ${residentId}: ${outcome.kind}`, { cause: error });
    }
    const after = await database.richMenuState.findUnique({ where: { id: 1 }, select: { version: true } });
    if ((after?.version ?? 0) === version || round >= 2) {
      return menu?.lineRichMenuId ? { status: "linked", lineRichMenuId: menu.lineRichMenuId } : { status: "unlinked" };
    }
  }
}

export const refreshResidentRichMenuJob = defineJob<{ residentId: string }>({
  name: "rich-menus.refresh-resident",
  batchSize: 5,
  localConcurrency: 2,
  pollingIntervalSeconds: 1,
  async handle({ residentId }) {
    await refreshResidentRichMenu(db, { residentId });
  },
});
