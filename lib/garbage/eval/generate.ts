// A second, generated half of the evaluation: for a seeded sample of each dictionary's items, one
// resident-style variant per item (reading in hiragana or katakana, half-width, a typo, a sentence
// around it). Written so the evaluation is not only queries picked by hand. The expected answer is
// the item's category — or, when rows with the same name fall in several categories, all of them.
import { baseName, normalizeText } from "@/lib/garbage/normalize";
import type { SearchIndex } from "@/lib/garbage/search";
import type { EvalCity, EvalQuery, EvalKind } from "@/lib/garbage/eval/queries";

/** mulberry32: a small seeded PRNG, so the generated set is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HIRAGANA_ROWS = ["あいうえお", "かきくけこ", "さしすせそ", "たちつてと", "なにぬねの", "はひふへほ", "まみむめも", "やゆよ", "らりるれろ", "がぎぐげご", "ざじずぜぞ", "だぢづでど", "ばびぶべぼ", "ぱぴぷぺぽ"];

function toKatakana(text: string): string {
  return Array.from(text, (ch) => {
    const code = ch.codePointAt(0)!;
    return code >= 0x3041 && code <= 0x3096 ? String.fromCodePoint(code + 0x60) : ch;
  }).join("");
}

// Full-width katakana → half-width (ｶﾀｶﾅ), as some phones type it.
const HALF: Record<string, string> = {};
{
  const full = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー";
  const half = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ";
  Array.from(full).forEach((c, i) => (HALF[c] = Array.from(half)[i]!));
  const voiced = "ガギグゲゴザジズゼゾダヂヅデドバビブベボ";
  const base = "ｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ";
  Array.from(voiced).forEach((c, i) => (HALF[c] = `${Array.from(base)[i]}ﾞ`));
  Array.from("パピプペポ").forEach((c, i) => (HALF[c] = `${Array.from("ﾊﾋﾌﾍﾎ")[i]}ﾟ`));
}
function toHalfWidth(text: string): string {
  return Array.from(text, (ch) => HALF[ch] ?? ch).join("");
}

function typo(text: string, random: () => number): string | undefined {
  const chars = Array.from(text);
  if (chars.length < 4) return undefined;
  const i = 1 + Math.floor(random() * (chars.length - 2));
  const ch = chars[i]!;
  const mode = Math.floor(random() * 3);
  if (mode === 0) {
    // A neighbour in the same row (か → こ), as a flick keyboard slip gives.
    const row = HIRAGANA_ROWS.find((r) => r.includes(ch));
    if (!row) return undefined;
    const others = Array.from(row).filter((c) => c !== ch);
    chars[i] = others[Math.floor(random() * others.length)]!;
  } else if (mode === 1) {
    chars.splice(i, 1);
  } else {
    [chars[i], chars[i + 1]] = [chars[i + 1] ?? chars[i]!, chars[i]!];
  }
  const out = chars.join("");
  return out === text ? undefined : out;
}

const PHRASES = ["{}ってどうやって捨てるの", "{}は何ごみですか", "{}を捨てたい", "いらなくなった{}の捨て方", "{}は燃えるごみ？"];
const KINDS: EvalKind[] = ["exact", "hiragana", "katakana", "width", "typo", "phrase"];

/** One generated query per sampled item (`perCity` items per dictionary, seeded). */
export function generateEvalQueries(indexes: Map<EvalCity, SearchIndex>, options: { perCity?: number; seed?: number } = {}): EvalQuery[] {
  const perCity = options.perCity ?? 40;
  const out: EvalQuery[] = [];
  for (const [city, index] of indexes) {
    const random = prng((options.seed ?? 20261128) + city.length * 7919);
    // Categories of each name as residents would say it.
    const byBase = new Map<string, Set<string>>();
    for (const item of index.items) {
      const key = normalizeText(baseName(item.name));
      let set = byBase.get(key);
      if (!set) byBase.set(key, (set = new Set()));
      set.add(item.categoryName);
    }
    const candidates = index.items.filter((item) => Array.from(baseName(item.name)).length >= 2);
    const picked = new Set<number>();
    let attempts = 0;
    while (picked.size < Math.min(perCity, candidates.length) && attempts++ < perCity * 20) {
      const i = Math.floor(random() * candidates.length);
      if (picked.has(i)) continue;
      const item = candidates[i]!;
      const base = baseName(item.name);
      const reading = item.reading.split(/\s+/).pop() ?? "";
      const kind = KINDS[picked.size % KINDS.length]!;
      let query: string | undefined;
      switch (kind) {
        case "exact":
          query = base;
          break;
        case "hiragana":
          query = /^[\p{Script=Hiragana}ー]+$/u.test(reading) && reading !== base ? reading : undefined;
          break;
        case "katakana":
          query = /^[\p{Script=Hiragana}ー]+$/u.test(reading) && toKatakana(reading) !== base ? toKatakana(reading) : undefined;
          break;
        case "width":
          query = /[\p{Script=Katakana}]/u.test(base) ? toHalfWidth(base.normalize("NFKC")) : undefined;
          break;
        case "typo":
          query = /^[\p{Script=Hiragana}ー]+$/u.test(reading) ? typo(reading, random) : undefined;
          break;
        case "phrase":
          query = PHRASES[Math.floor(random() * PHRASES.length)]!.replace("{}", base);
          break;
      }
      if (!query) continue;
      picked.add(i);
      const categories = [...(byBase.get(normalizeText(base)) ?? new Set([item.categoryName]))];
      out.push(
        categories.length > 1
          ? { city, query, kind: "ambiguous", options: categories }
          : { city, query, kind, category: item.categoryName },
      );
    }
  }
  return out;
}
