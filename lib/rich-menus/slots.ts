// Which rich menu a resident sees. A published menu occupies one slot "AUDIENCE:language" (language
// "*" = every language without a menu of its own); the slot is the menu's `activeSlot`, unique.
import type { RichMenuAudience } from "@/generated/prisma/enums";

/** Residents' languages (Resident.preferredLanguage). */
export const RESIDENT_LANGUAGES = ["ja", "ja-easy", "en", "zh", "ko", "vi", "pt"] as const;
export type ResidentLanguage = (typeof RESIDENT_LANGUAGES)[number];
export const ALL_LANGUAGES = "*";

export function slotKey(audience: RichMenuAudience, language: string | null): string {
  return `${audience}:${language ?? ALL_LANGUAGES}`;
}

export type ResidentMenuFacts = { registered: boolean; language: string; disasterMode: boolean };

/**
 * Slots to try, best first: in disaster mode the disaster menu for the language, then for every
 * language; otherwise the menu for registered or unregistered residents in the language, then the
 * one for every language, then the Japanese one ("ja-easy" falls back to "ja" before that).
 */
export function candidateSlots(facts: ResidentMenuFacts): string[] {
  const languages = [facts.language, ...(facts.language === "ja-easy" ? ["ja"] : [])];
  const forAudience = (audience: RichMenuAudience) => [...languages.map((l) => slotKey(audience, l)), slotKey(audience, null), slotKey(audience, "ja")];
  const normal = forAudience(facts.registered ? "REGISTERED" : "UNREGISTERED");
  const slots = facts.disasterMode ? [...forAudience("DISASTER"), ...normal] : normal;
  return [...new Set(slots)];
}

/** The menu for a resident among the published ones (by slot), or null (LINE's default applies). */
export function selectMenu<T extends { activeSlot: string | null }>(facts: ResidentMenuFacts, menus: T[]): T | null {
  const bySlot = new Map(menus.filter((m) => m.activeSlot).map((m) => [m.activeSlot!, m]));
  for (const slot of candidateSlots(facts)) {
    const menu = bySlot.get(slot);
    if (menu) return menu;
  }
  return null;
}
