// Garbage search: what residents type → the dictionary rows that answer it, best first.
//
// Every item is indexed under several normalised keys (lib/garbage/normalize.ts): its name, the name
// without qualifiers (「トイレマット（50cm以下）」→ トイレマット), its reading, its aliases and the notes in
// its brackets (「ナタ（鉈）」→ 鉈). A query is normalised the same way, question phrases around the item
// are removed (「…ってどうやって捨てるの」), and synonyms add variants (スマホ → 携帯電話). Then, in order
// of preference:
//   exact      the query is a key                                  (100)
//   contained  a key is a word inside the query — longer and at the end (Japanese puts the
//              head noun last: ペットボトルのキャップ is a キャップ) score higher        (≈ 60–94)
//   prefix     the query begins a key (instant search while typing)     (≈ 60–90)
//   fuzzy      bigram (Dice) similarity, for typos                       (≈ 40–80)
// Items scoring within 3 % of the best are "the answer"; when they fall in different categories the
// answer depends on size or material, and all of them are returned (`ambiguous`).
//
// The index lives in memory per dictionary. Each instance re-checks the dictionary's version (one
// primary-key lookup) at most once per VERSION_CHECK_INTERVAL_MS and rebuilds when staff changed it.
import type { DbTx } from "@/lib/db";
import { baseName, bigrams, bracketNotes, diceSimilarity, normalizeText, stripQuestion } from "@/lib/garbage/normalize";

export type MatchKind = "exact" | "contained" | "prefix" | "fuzzy";
type KeyKind = "name" | "base" | "reading" | "alias" | "note";

export type IndexedItem = {
  id: number;
  name: string;
  reading: string;
  aliases: string[];
  notice: string;
  categoryId: number;
  categoryName: string;
  colour: string;
  sortOrder: number;
};

type Key = { text: string; item: number; kind: KeyKind; weight: number; grams: string[] };

export type SearchIndex = {
  dictionaryId: number;
  version: number;
  items: IndexedItem[];
  keys: Key[];
  exact: Map<string, number[]>;
  grams: Map<string, number[]>;
  /** Keys sorted by text, for prefix lookups. */
  sorted: number[];
  synonyms: { term: string; target: string }[];
  builtAt: number;
};

const KEY_WEIGHT: Record<KeyKind, number> = { name: 1, base: 1, reading: 0.97, alias: 0.97, note: 0.8 };

// Bracket notes that describe rather than name the item: not worth indexing as names.
const DESCRIPTIVE_NOTE = /[0-9０-９]|製|もの|以[上下外]|未満|用$|埋立|金属|容プラ|資源|可燃|不燃|有料|無料|ごみ|ゴミ|袋/;

/** Builds the in-memory index of a dictionary's items and synonyms. */
export function buildSearchIndex(input: {
  dictionaryId: number;
  version: number;
  items: IndexedItem[];
  synonyms: { term: string; target: string }[];
}): SearchIndex {
  const keys: Key[] = [];
  const exact = new Map<string, number[]>();
  const grams = new Map<string, number[]>();
  input.items.forEach((item, itemIndex) => {
    const seen = new Set<string>();
    const add = (raw: string, kind: KeyKind) => {
      const text = normalizeText(raw);
      if (!text || seen.has(text)) return;
      seen.add(text);
      const key: Key = { text, item: itemIndex, kind, weight: KEY_WEIGHT[kind], grams: bigrams(text) };
      const k = keys.push(key) - 1;
      let list = exact.get(text);
      if (!list) exact.set(text, (list = []));
      list.push(k);
      for (const g of new Set(key.grams)) {
        let posting = grams.get(g);
        if (!posting) grams.set(g, (posting = []));
        posting.push(k);
      }
    };
    add(item.name, "name");
    const base = baseName(item.name);
    add(base, "base");
    // 「ペットボトルのキャップ」 is also typed without の.
    const withoutNo = base.replace(/(?<=[\p{Script=Katakana}\p{Script=Han}ー])の(?=[\p{Script=Katakana}\p{Script=Han}\p{Script=Hiragana}])/gu, "");
    if (withoutNo !== base) add(withoutNo, "base");
    for (const reading of item.reading.split(/\s+/)) if (reading) add(reading, "reading");
    for (const alias of item.aliases) add(alias, "alias");
    for (const note of bracketNotes(item.name)) if (!DESCRIPTIVE_NOTE.test(note)) add(note, "note");
  });
  const sorted = keys.map((_, i) => i).sort((a, b) => (keys[a]!.text < keys[b]!.text ? -1 : keys[a]!.text > keys[b]!.text ? 1 : 0));
  const synonyms = input.synonyms
    .map((s) => ({ term: normalizeText(s.term), target: normalizeText(s.target) }))
    .filter((s) => s.term && s.target && s.term !== s.target)
    // Longest terms first, so ペットボトルの蓋 is replaced before 蓋.
    .sort((a, b) => b.term.length - a.term.length);
  return { dictionaryId: input.dictionaryId, version: input.version, items: input.items, keys, exact, grams, sorted, synonyms, builtAt: Date.now() };
}

export type GarbageSearchHit = {
  itemId: number;
  name: string;
  categoryId: number;
  categoryName: string;
  colour: string;
  notice: string;
  score: number;
  match: MatchKind;
  /** The key that matched (normalised). */
  matched: string;
};

export type GarbageSearchResult = {
  query: string;
  normalized: string;
  /** The part of the query search looked for (question phrases removed). */
  core: string;
  /** Ranked hits, best first (at most `limit`). */
  hits: GarbageSearchHit[];
  /** The hits that answer the query (within 3 % of the best). */
  answers: GarbageSearchHit[];
  /** The answers fall in more than one category: show them all and let the resident choose. */
  ambiguous: boolean;
  /** The best hit is an exact or whole-word match (not a prefix or a guess from similarity). */
  confident: boolean;
};

/** Below this nothing is an answer (a weak fuzzy match is worse than "not found"). */
export const MIN_SCORE = 52;
/** Answers: within this fraction of the best score. */
const ANSWER_BAND = 0.97;
/** Queries are cut to this many characters (a whole sentence fits; a pasted essay does not). */
export const MAX_QUERY_LENGTH = 48;
const MAX_ANSWERS = 10;

function isHan(ch: string): boolean {
  return /\p{Script=Han}/u.test(ch);
}

function variantsOf(core: string, synonyms: SearchIndex["synonyms"]): { text: string; factor: number }[] {
  const variants = new Map<string, number>([[core, 1]]);
  let frontier = [core];
  // Two rounds: 蓋 → ふた → キャップ.
  for (let round = 0; round < 2 && variants.size < 8; round++) {
    const next: string[] = [];
    for (const text of frontier) {
      for (const { term, target } of synonyms) {
        if (!text.includes(term)) continue;
        const replaced = text.replace(term, target);
        const factor = (variants.get(text) ?? 1) * (text === term ? 0.99 : 0.97);
        if (!variants.has(replaced)) {
          variants.set(replaced, factor);
          next.push(replaced);
        }
        if (variants.size >= 8) break;
      }
    }
    frontier = next;
  }
  return [...variants].map(([text, factor]) => ({ text, factor }));
}

/** Searches an index (pure; used by the cached search, the CLI and the benchmark). */
export function searchIndex(index: SearchIndex, query: string, options: { limit?: number } = {}): GarbageSearchResult {
  const limit = options.limit ?? 10;
  const normalized = normalizeText(query.slice(0, MAX_QUERY_LENGTH * 2)).slice(0, MAX_QUERY_LENGTH);
  const core = stripQuestion(normalized);
  const empty: GarbageSearchResult = { query, normalized, core, hits: [], answers: [], ambiguous: false, confident: false };
  if (!core) return empty;

  const best = new Map<number, { score: number; match: MatchKind; key: number }>();
  const offer = (keyIndex: number, score: number, match: MatchKind) => {
    const item = index.keys[keyIndex]!.item;
    const current = best.get(item);
    if (!current || score > current.score) best.set(item, { score, match, key: keyIndex });
  };

  for (const { text: v, factor } of variantsOf(core, index.synonyms)) {
    const chars = Array.from(v);
    const length = chars.length;

    // exact
    for (const k of index.exact.get(v) ?? []) offer(k, 100 * index.keys[k]!.weight * factor, "exact");

    // contained: every substring of the query that is a key
    if (length > 1) {
      for (let start = 0; start < length; start++) {
        let sub = "";
        for (let end = start; end < length; end++) {
          sub += chars[end];
          const subLength = end - start + 1;
          if (subLength === length) break;
          if (subLength === 1 && !isHan(sub)) continue;
          const hits = index.exact.get(sub);
          if (!hits) continue;
          const coverage = subLength / length;
          const atEnd = end === length - 1 ? 6 : 0;
          const atStart = start === 0 ? 2 : 0;
          for (const k of hits) offer(k, (56 + 32 * coverage + atEnd + atStart) * index.keys[k]!.weight * factor, "contained");
        }
      }
    }

    // prefix: keys that begin with the query (binary search in the sorted keys)
    let lo = 0;
    let hi = index.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index.keys[index.sorted[mid]!]!.text < v) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo, n = 0; i < index.sorted.length && n < 200; i++, n++) {
      const key = index.keys[index.sorted[i]!]!;
      if (!key.text.startsWith(v)) break;
      if (key.text === v) continue;
      const keyLength = Array.from(key.text).length;
      offer(index.sorted[i]!, (58 + 30 * (length / keyLength)) * key.weight * factor, "prefix");
    }

    // fuzzy: keys sharing bigrams with the query, scored by Dice similarity
    const queryGrams = bigrams(v);
    const shared = new Map<number, number>();
    for (const g of new Set(queryGrams)) {
      for (const k of index.grams.get(g) ?? []) shared.set(k, (shared.get(k) ?? 0) + 1);
    }
    const needed = Math.max(2, Math.ceil(queryGrams.length * 0.35));
    for (const [k, count] of shared) {
      if (count < needed) continue;
      const key = index.keys[k]!;
      const dice = diceSimilarity(queryGrams, key.grams);
      if (dice < 0.5) continue;
      // Infix (the query inside a longer key, not at its start): between prefix and fuzzy.
      const infix = length >= 2 && key.text.includes(v) && !key.text.startsWith(v);
      const score = infix ? 54 + 28 * (length / Array.from(key.text).length) : 30 + 55 * dice;
      offer(k, score * key.weight * factor, infix ? "prefix" : "fuzzy");
    }
  }

  const ranked = [...best]
    .map(([item, b]) => ({ item: index.items[item]!, ...b }))
    .filter((r) => r.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || a.item.name.length - b.item.name.length || a.item.sortOrder - b.item.sortOrder);
  if (ranked.length === 0) return empty;

  const toHit = (r: (typeof ranked)[number]): GarbageSearchHit => ({
    itemId: r.item.id,
    name: r.item.name,
    categoryId: r.item.categoryId,
    categoryName: r.item.categoryName,
    colour: r.item.colour,
    notice: r.item.notice,
    score: Math.round(r.score * 10) / 10,
    match: r.match,
    matched: index.keys[r.key]!.text,
  });
  const top = ranked[0]!.score;
  const answers = ranked.filter((r) => r.score >= top * ANSWER_BAND).slice(0, MAX_ANSWERS).map(toHit);
  return {
    query,
    normalized,
    core,
    hits: ranked.slice(0, Math.max(limit, answers.length)).map(toHit),
    answers,
    ambiguous: new Set(answers.map((a) => a.categoryId)).size > 1,
    confident: ranked[0]!.match === "exact" || ranked[0]!.match === "contained",
  };
}

// ── the index per dictionary, cached in this process

/** How long an instance trusts its index before re-checking the dictionary's version. */
export const VERSION_CHECK_INTERVAL_MS = 1000;

type CacheEntry = { index: SearchIndex; checkedAt: number };
const globalForIndex = globalThis as unknown as { kairanGarbageIndexes?: Map<number, CacheEntry>; kairanGarbageLoads?: Map<number, Promise<SearchIndex>> };
const cache = (globalForIndex.kairanGarbageIndexes ??= new Map());
const loads = (globalForIndex.kairanGarbageLoads ??= new Map());

export async function loadSearchIndex(db: DbTx, dictionaryId: number): Promise<SearchIndex> {
  const dictionary = await db.garbageDictionary.findUnique({ where: { id: dictionaryId }, select: { version: true } });
  const [items, synonyms] = await Promise.all([
    db.garbageItem.findMany({
      where: { dictionaryId },
      select: { id: true, name: true, reading: true, aliases: true, notice: true, categoryId: true, sortOrder: true, category: { select: { name: true, colour: true } } },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    }),
    db.garbageSynonym.findMany({ where: { dictionaryId }, select: { term: true, target: true } }),
  ]);
  return buildSearchIndex({
    dictionaryId,
    version: dictionary?.version ?? 0,
    items: items.map((i) => ({
      id: i.id,
      name: i.name,
      reading: i.reading,
      aliases: i.aliases,
      notice: i.notice,
      categoryId: i.categoryId,
      categoryName: i.category.name,
      colour: i.category.colour,
      sortOrder: i.sortOrder,
    })),
    synonyms,
  });
}

/** The dictionary's index, rebuilt when its version changed (checked at most once a second). */
export async function getSearchIndex(db: DbTx, dictionaryId: number, now: number = Date.now()): Promise<SearchIndex> {
  const entry = cache.get(dictionaryId);
  if (entry && now - entry.checkedAt < VERSION_CHECK_INTERVAL_MS) return entry.index;
  if (entry) {
    const row = await db.garbageDictionary.findUnique({ where: { id: dictionaryId }, select: { version: true } });
    if (row && row.version === entry.index.version) {
      entry.checkedAt = now;
      return entry.index;
    }
  }
  let loading = loads.get(dictionaryId);
  if (!loading) {
    loading = loadSearchIndex(db, dictionaryId).finally(() => loads.delete(dictionaryId));
    loads.set(dictionaryId, loading);
  }
  const index = await loading;
  cache.set(dictionaryId, { index, checkedAt: Date.now() });
  return index;
}

/** Forget this process's index (after a change made here, so the next search rebuilds at once). */
export function invalidateSearchIndex(dictionaryId?: number): void {
  if (dictionaryId === undefined) cache.clear();
  else cache.delete(dictionaryId);
}

/** Searches a dictionary through the cached index. */
export async function searchGarbage(db: DbTx, options: { dictionaryId: number; query: string; limit?: number }): Promise<GarbageSearchResult> {
  const index = await getSearchIndex(db, options.dictionaryId);
  return searchIndex(index, options.query, { limit: options.limit });
}
