// Residents as the chat meets them: created from the LINE profile the first time they follow (or
// write without a follow Kairan has seen), reactivated and blocked by follow/unfollow events.
import type { DbTx } from "@/lib/db";
import { getMessagingApiClient } from "@/lib/line/clients";
import { classifyLineError } from "@/lib/line/errors";
import { CHAT_RESIDENT_SELECT } from "@/lib/webhook/context";
import type { ChatResident } from "@/lib/webhook/registry";

export type LineProfile = { displayName: string; pictureUrl?: string; language?: string };

/** LINE's profile language (BCP 47, e.g. "zh-Hant", "pt-BR") → Kairan's language, or undefined. */
export function residentLanguageFromLine(language: string | undefined): string | undefined {
  if (!language) return undefined;
  const primary = language.toLowerCase().split(/[-_]/)[0];
  return ({ ja: "ja", en: "en", zh: "zh", ko: "ko", vi: "vi", pt: "pt" } as Record<string, string>)[primary ?? ""];
}

/**
 * The resident's LINE profile, or null when LINE has none for us (404: not a friend, blocked) or
 * cannot be reached — the resident is still recorded; the name fills in on a later event.
 */
export async function fetchLineProfile(lineUserId: string): Promise<LineProfile | null> {
  try {
    const profile = await getMessagingApiClient().getProfile(lineUserId);
    return { displayName: profile.displayName, pictureUrl: profile.pictureUrl, language: profile.language };
  } catch (error) {
    const outcome = classifyLineError(error);
    if (outcome.kind !== "rejected") console.warn(`[webhook] profile of ${lineUserId} unavailable (${outcome.kind}); recording the resident without it`);
    return null;
  }
}

/**
 * Inserts the resident unless the LINE user id exists. Race-free: events of one new resident are
 * handled by several workers at once (a follow and the first message), and ON CONFLICT waits for
 * the other transaction instead of failing on the unique key. Returns whether this call inserted.
 */
async function insertResidentIfMissing(
  tx: DbTx,
  lineUserId: string,
  data: { profile: LineProfile | null; followStatus: "FOLLOWING" | "BLOCKED"; followedAt: Date | null; blockedAt: Date | null },
): Promise<boolean> {
  const language = residentLanguageFromLine(data.profile?.language) ?? "ja";
  const inserted = await tx.$executeRaw`
    INSERT INTO resident (line_user_id, display_name, picture_url, preferred_language, follow_status, followed_at, blocked_at)
    VALUES (${lineUserId}, ${data.profile?.displayName ?? null}, ${data.profile?.pictureUrl ?? null}, ${language},
            ${data.followStatus}::follow_status, ${data.followedAt}, ${data.blockedAt})
    ON CONFLICT (line_user_id) DO NOTHING`;
  return inserted === 1;
}

/** The resident with this LINE user id; created from the profile if Kairan has not met them yet. */
export async function ensureResident(tx: DbTx, lineUserId: string, options: { fetchProfile?: typeof fetchLineProfile } = {}): Promise<ChatResident> {
  const existing = await tx.resident.findUnique({ where: { lineUserId }, select: CHAT_RESIDENT_SELECT });
  if (existing) return existing;
  const profile = await (options.fetchProfile ?? fetchLineProfile)(lineUserId);
  await insertResidentIfMissing(tx, lineUserId, { profile, followStatus: "FOLLOWING", followedAt: null, blockedAt: null });
  return tx.resident.findUniqueOrThrow({ where: { lineUserId }, select: CHAT_RESIDENT_SELECT });
}

/**
 * follow: create or reactivate. Events of one resident may be handled out of order (several
 * workers), so a follow older than the resident's last block does not undo the block.
 */
export async function followResident(tx: DbTx, lineUserId: string, occurredAt: Date, profile: LineProfile | null): Promise<{ resident: ChatResident; applied: boolean; isNew: boolean }> {
  if (await insertResidentIfMissing(tx, lineUserId, { profile, followStatus: "FOLLOWING", followedAt: occurredAt, blockedAt: null })) {
    return { resident: await tx.resident.findUniqueOrThrow({ where: { lineUserId }, select: CHAT_RESIDENT_SELECT }), applied: true, isNew: true };
  }
  const existing = await tx.resident.findUniqueOrThrow({ where: { lineUserId }, select: { ...CHAT_RESIDENT_SELECT, blockedAt: true, followedAt: true } });
  const { blockedAt, followedAt, ...resident } = existing;
  const stale = blockedAt !== null && blockedAt.getTime() > occurredAt.getTime();
  if (!stale) {
    await tx.resident.update({
      where: { id: existing.id },
      data: {
        followStatus: "FOLLOWING",
        followedAt: followedAt && followedAt.getTime() > occurredAt.getTime() ? followedAt : occurredAt,
        ...(profile ? { displayName: profile.displayName, pictureUrl: profile.pictureUrl ?? null } : {}),
      },
    });
  }
  // Known only from a message handled before this follow (several workers): still a new friend.
  return { resident, applied: !stale, isNew: followedAt === null && blockedAt === null };
}

/** unfollow: blocked — excluded from every delivery; data stays (retention rules decide). */
export async function blockResident(tx: DbTx, lineUserId: string, occurredAt: Date): Promise<{ residentId: string | null; applied: boolean }> {
  // Blocked before Kairan ever saw them: remember them as blocked so nothing is sent.
  if (await insertResidentIfMissing(tx, lineUserId, { profile: null, followStatus: "BLOCKED", followedAt: null, blockedAt: occurredAt })) {
    return { residentId: (await tx.resident.findUniqueOrThrow({ where: { lineUserId }, select: { id: true } })).id, applied: true };
  }
  const existing = await tx.resident.findUniqueOrThrow({ where: { lineUserId }, select: { id: true, followedAt: true } });
  if (existing.followedAt && existing.followedAt.getTime() > occurredAt.getTime()) return { residentId: existing.id, applied: false };
  await tx.resident.update({ where: { id: existing.id }, data: { followStatus: "BLOCKED", blockedAt: occurredAt } });
  // LINE drops a blocker's per-user rich menu link; forget ours so a return links again.
  await tx.residentRichMenuLink.deleteMany({ where: { residentId: existing.id } });
  return { residentId: existing.id, applied: true };
}
