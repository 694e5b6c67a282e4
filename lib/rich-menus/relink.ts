// Relinking every friend after the menus changed (publish, retire, the disaster switch), with
// LINE's bulk link API: at most 500 user ids per call (RICH_MENU_BULK_MAX_USERS, messaging-api.yml
// linkRichMenuIdToUsers userIds maxItems 500), answered 202. Residents are read in id order, grouped
// by the menu they should see, and only those whose link differs are sent, so a retried or resumed
// run skips what is done. A newer switch (version) stops an older run. LINE's default menu follows
// the mode: the disaster menu while it is on, the chosen default otherwise.
import { db, type Db } from "@/lib/db";
import { defineJob } from "@/lib/jobs/define-job";
import { getMessagingApiClient } from "@/lib/line/clients";
import { classifyLineError } from "@/lib/line/errors";
import { RichMenuLinkRetry } from "@/lib/rich-menus/refresh-resident-menu";
import { selectMenu, slotKey } from "@/lib/rich-menus/slots";

export const LINE_BULK_LINK_MAX_USERS = 500;
const PAGE = 2000;
/** Stay far below LINE's 2,000 requests/s for "other endpoints". */
const MIN_CALL_INTERVAL_MS = 20;

export type RelinkResult = { status: "done" | "superseded"; linked: number; unlinked: number; residents: number };

async function pace(last: { at: number }) {
  const wait = last.at + MIN_CALL_INTERVAL_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  last.at = Date.now();
}

function retryable(action: string, error: unknown): Error {
  const outcome = classifyLineError(error);
  if (outcome.kind === "rejected") return new Error(`rich menu ${action} rejected: ${outcome.status} ${outcome.message}`, { cause: error });
  return new RichMenuLinkRetry(`rich menu ${action}: ${outcome.kind}`, { cause: error });
}

export async function relinkAllResidents(database: Db, { version }: { version: number }): Promise<RelinkResult> {
  const client = getMessagingApiClient();
  const state = await database.richMenuState.findUnique({ where: { id: 1 } });
  if (!state || state.version !== version) return { status: "superseded", linked: 0, unlinked: 0, residents: 0 };
  const menus = await database.richMenu.findMany({ where: { activeSlot: { not: null }, lineRichMenuId: { not: null } }, select: { id: true, activeSlot: true, lineRichMenuId: true } });

  // LINE's default menu for friends without a per-user link.
  const byId = new Map(menus.map((m) => [m.id, m]));
  const bySlot = new Map(menus.map((m) => [m.activeSlot!, m]));
  const defaultMenu = state.disasterMode ? (bySlot.get(slotKey("DISASTER", null)) ?? bySlot.get(slotKey("DISASTER", "ja"))) : state.defaultMenuId ? byId.get(state.defaultMenuId) : undefined;
  try {
    if (defaultMenu?.lineRichMenuId) await client.setDefaultRichMenu(defaultMenu.lineRichMenuId);
    else if (!state.disasterMode) await client.cancelDefaultRichMenu().catch((error) => {
      if (classifyLineError(error).kind !== "rejected") throw error; // 404: there was no default
    });
  } catch (error) {
    throw retryable("default", error);
  }

  const total = await database.resident.count({ where: { followStatus: "FOLLOWING" } });
  await database.richMenuState.updateMany({ where: { id: 1, version }, data: { applyTotal: total } });
  const last = { at: 0 };
  let cursor: string | undefined;
  let done = 0;
  let linked = 0;
  let unlinked = 0;
  for (;;) {
    const residents = await database.resident.findMany({
      where: { followStatus: "FOLLOWING", ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: PAGE,
      select: { id: true, lineUserId: true, registeredAt: true, preferredLanguage: true, richMenuLink: { select: { lineRichMenuId: true } } },
    });
    if (residents.length === 0) break;
    cursor = residents[residents.length - 1]!.id;
    const groups = new Map<string, { id: string; lineUserId: string }[]>();
    const toUnlink: { id: string; lineUserId: string }[] = [];
    for (const r of residents) {
      const target = selectMenu({ registered: r.registeredAt !== null, language: r.preferredLanguage, disasterMode: state.disasterMode }, menus);
      const current = r.richMenuLink?.lineRichMenuId ?? null;
      if (target?.lineRichMenuId) {
        if (current === target.lineRichMenuId) continue;
        const group = groups.get(target.lineRichMenuId) ?? [];
        group.push({ id: r.id, lineUserId: r.lineUserId });
        groups.set(target.lineRichMenuId, group);
      } else if (current) toUnlink.push({ id: r.id, lineUserId: r.lineUserId });
    }
    for (const [richMenuId, members] of groups) {
      for (let i = 0; i < members.length; i += LINE_BULK_LINK_MAX_USERS) {
        const chunk = members.slice(i, i + LINE_BULK_LINK_MAX_USERS);
        await pace(last);
        try {
          await client.linkRichMenuIdToUsers({ richMenuId, userIds: chunk.map((m) => m.lineUserId) });
        } catch (error) {
          throw retryable("bulk link", error);
        }
        await database.$executeRaw`
          INSERT INTO resident_rich_menu_link (resident_id, line_rich_menu_id, linked_at)
          SELECT unnest(${chunk.map((m) => m.id)}::uuid[]), ${richMenuId}, now()
          ON CONFLICT (resident_id) DO UPDATE SET line_rich_menu_id = EXCLUDED.line_rich_menu_id, linked_at = EXCLUDED.linked_at`;
        linked += chunk.length;
      }
    }
    for (let i = 0; i < toUnlink.length; i += LINE_BULK_LINK_MAX_USERS) {
      const chunk = toUnlink.slice(i, i + LINE_BULK_LINK_MAX_USERS);
      await pace(last);
      try {
        await client.unlinkRichMenuIdFromUsers({ userIds: chunk.map((m) => m.lineUserId) });
      } catch (error) {
        throw retryable("bulk unlink", error);
      }
      await database.residentRichMenuLink.deleteMany({ where: { residentId: { in: chunk.map((m) => m.id) } } });
      unlinked += chunk.length;
    }
    done += residents.length;
    const progress = await database.richMenuState.updateMany({ where: { id: 1, version }, data: { applyDone: done } });
    if (progress.count === 0) return { status: "superseded", linked, unlinked, residents: done };
  }
  await database.richMenuState.updateMany({ where: { id: 1, version }, data: { applyDone: done, applyFinishedAt: new Date(), applyError: null } });
  return { status: "done", linked, unlinked, residents: done };
}

export const relinkAllJob = defineJob<{ version: number }>({
  name: "rich-menus.relink-all",
  queue: { retryLimit: 8, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 60 * 60 },
  pollingIntervalSeconds: 1,
  async handle({ version }, context) {
    try {
      const result = await relinkAllResidents(db, { version });
      console.log(`[jobs] rich-menus.relink-all v${version}: ${JSON.stringify(result)}`);
    } catch (error) {
      await db.richMenuState.updateMany({ where: { id: 1, version }, data: { applyError: `${(error as Error).message}（${context.retryCount + 1}回目）`.slice(0, 500) } });
      throw error;
    }
  },
});
