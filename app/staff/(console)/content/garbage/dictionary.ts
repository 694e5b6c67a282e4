// Which dictionary a ごみ分別 staff page shows: ?d=<slug>, else the active one, else the first.
import "server-only";
import { db } from "@/lib/db";
import { param, type SearchParams } from "@/lib/http/search-params";

export async function dictionaryFromParams(params: SearchParams) {
  const slug = param(params, "d");
  const all = await db.garbageDictionary.findMany({ orderBy: [{ active: "desc" }, { name: "asc" }], select: { id: true, slug: true, name: true, active: true, version: true } });
  const dictionary = (slug ? all.find((d) => d.slug === slug) : undefined) ?? all.find((d) => d.active) ?? all[0] ?? null;
  return { dictionary, all };
}

/** "?d=slug&" prefix for links that keep the chosen dictionary (empty for the active one). */
export function dictionaryQuery(dictionary: { slug: string; active: boolean } | null): string {
  return dictionary && !dictionary.active ? `d=${encodeURIComponent(dictionary.slug)}` : "";
}
