// Readings (よみ) of item names, so that a resident typing しんぶんし finds 新聞紙. 5374 data gives
// only an index letter, so readings are generated with kuromoji (IPADIC) when a dictionary is
// imported and when staff save an item without one. Node only (the CLI and the worker): the
// analyser needs ~40 MB of dictionary files and a few hundred MB of memory while it runs, which the
// web instances should not carry; they enqueue the garbage.fill-readings job instead.
import path from "node:path";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import type { Db } from "@/lib/db";
import { baseName, normalizeText, toHiragana } from "@/lib/garbage/normalize";
import { bumpDictionaryVersion } from "@/lib/garbage/dictionaries";

type Tokenizer = { tokenize(text: string): { surface_form: string; reading?: string }[] };

function dictionaryPath(): string {
  const fromCwd = path.join(process.cwd(), "node_modules", "kuromoji", "dict");
  if (existsSync(fromCwd)) return fromCwd;
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("kuromoji/package.json")), "dict");
}

async function buildTokenizer(): Promise<Tokenizer> {
  const kuromoji = (await import("kuromoji")).default;
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath: dictionaryPath() }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer as Tokenizer)));
  });
}

export type ReadingGenerator = { reading(text: string): string };

/** Loads the analyser (about 2 s). Keep the generator only as long as it is needed. */
export async function createReadingGenerator(): Promise<ReadingGenerator> {
  const tokenizer = await buildTokenizer();
  return {
    reading(text: string): string {
      const source = text.normalize("NFKC");
      let out = "";
      for (const token of tokenizer.tokenize(source)) {
        // Unknown words (katakana loanwords, latin letters) have no reading: keep them as written.
        const reading = token.reading && token.reading !== "*" ? token.reading : token.surface_form;
        out += reading;
      }
      return toHiragana(out);
    },
  };
}

/** The reading to store for an item: that of the name residents would say (without qualifiers). */
export function itemReading(generator: ReadingGenerator, name: string): string {
  return generator.reading(baseName(name));
}

/**
 * An item's readings, space-separated: the one the data (or staff) gave, then the generated one when
 * it differs — published readings are sometimes wrong (京都市 gives けいこうとう for 蛍光管).
 */
export function combineReadings(given: string, generated: string): string {
  const readings = given.split(/\s+/).filter(Boolean);
  const known = new Set(readings.map(normalizeText));
  if (generated && !known.has(normalizeText(generated))) readings.push(generated);
  return readings.join(" ");
}

/**
 * Generates readings for a dictionary's items: fills in the ones without (marked as generated) and
 * adds the generated reading to given ones that differ. With `regenerate`, generated readings are
 * made anew. Returns how many items changed; bumps the dictionary version when any did.
 */
export async function fillReadings(db: Db, options: { dictionaryId: number; regenerate?: boolean; generator?: ReadingGenerator }): Promise<number> {
  const items = await db.garbageItem.findMany({ where: { dictionaryId: options.dictionaryId }, select: { id: true, name: true, reading: true, readingAuto: true } });
  const pending = items.filter((i) => i.reading === "" || (options.regenerate && i.readingAuto) || (!i.readingAuto && i.reading !== ""));
  if (pending.length === 0) return 0;
  const generator = options.generator ?? (await createReadingGenerator());
  const readings: { id: number; reading: string; auto: boolean }[] = [];
  for (const item of pending) {
    const generated = itemReading(generator, item.name);
    if (item.reading === "" || item.readingAuto) {
      if (generated !== item.reading) readings.push({ id: item.id, reading: generated, auto: true });
    } else {
      const combined = combineReadings(item.reading, generated);
      if (combined !== item.reading) readings.push({ id: item.id, reading: combined, auto: false });
    }
  }
  if (readings.length === 0) return 0;
  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < readings.length; i += 1000) {
        const chunk = readings.slice(i, i + 1000);
        await tx.$executeRaw`
          UPDATE garbage_item AS g SET reading = v.reading, reading_auto = v.auto
          FROM unnest(${chunk.map((r) => r.id)}::int[], ${chunk.map((r) => r.reading)}::text[], ${chunk.map((r) => r.auto)}::boolean[]) AS v(id, reading, auto)
          WHERE g.id = v.id`;
      }
      await bumpDictionaryVersion(tx, options.dictionaryId);
    },
    { timeout: 60_000 },
  );
  return readings.length;
}
