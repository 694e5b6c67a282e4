// Runs the evaluation set against in-memory indexes of the real dictionaries: the same parser and
// index code as the app, without a database (the bench and a unit test use it).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse5374 } from "@/lib/garbage/five374";
import { DEFAULT_SYNONYMS } from "@/lib/garbage/default-synonyms";
import { combineReadings, itemReading, type ReadingGenerator } from "@/lib/garbage/readings";
import { buildSearchIndex, searchIndex, type GarbageSearchResult, type SearchIndex } from "@/lib/garbage/search";
import { EVAL_CITIES, EVAL_QUERIES, type EvalCity, type EvalKind, type EvalQuery } from "@/lib/garbage/eval/queries";

/** Where the real datasets are: ../shared/data/garbage beside the repository. */
export const DEFAULT_GARBAGE_DATA_DIR = path.resolve(process.cwd(), "..", "shared", "data", "garbage");

export function garbageDataAvailable(dir = DEFAULT_GARBAGE_DATA_DIR): boolean {
  return Object.values(EVAL_CITIES).every((c) => existsSync(path.join(dir, c.folder)));
}

/** Parses one city's folder and builds its index (readings generated as the import does). */
export function buildCityIndex(dir: string, city: EvalCity, generator: ReadingGenerator, dictionaryId = 1): SearchIndex {
  const folder = path.join(dir, EVAL_CITIES[city].folder);
  const files = readdirSync(folder)
    .filter((name) => name.endsWith(".csv"))
    .map((name) => ({ name, bytes: readFileSync(path.join(folder, name)) }));
  const { dictionary } = parse5374(files);
  const colours = new Map(dictionary.categories.map((c, i) => [c.name, { id: i + 1, colour: c.colour }]));
  return buildSearchIndex({
    dictionaryId,
    version: 1,
    items: dictionary.items.map((item, i) => ({
      id: i + 1,
      name: item.name,
      reading: combineReadings(item.reading, itemReading(generator, item.name)),
      aliases: item.aliases,
      notice: item.notice,
      categoryId: colours.get(item.category)!.id,
      categoryName: item.category,
      colour: colours.get(item.category)!.colour,
      sortOrder: item.sortOrder,
    })),
    synonyms: DEFAULT_SYNONYMS.map(([term, target]) => ({ term, target })),
  });
}

export type EvalOutcome = { query: EvalQuery; result: GarbageSearchResult; ok: boolean; reason?: string };

/** Judges one result against its expectation. */
export function judge(query: EvalQuery, result: GarbageSearchResult): EvalOutcome {
  const top = result.hits[0];
  if (query.kind === "none") {
    return { query, result, ok: result.answers.length === 0, reason: top ? `found ${top.name}` : undefined };
  }
  if (query.options) {
    const shown = new Set(result.answers.map((a) => a.categoryName));
    const missing = query.options.filter((o) => !shown.has(o));
    return { query, result, ok: missing.length === 0, reason: missing.length ? `missing ${missing.join(", ")} (answers: ${[...shown].join(", ") || "none"})` : undefined };
  }
  if (!top) return { query, result, ok: false, reason: "nothing found" };
  const ok = query.items ? query.items.includes(top.name) : top.categoryName === query.category;
  return { query, result, ok, reason: ok ? undefined : `top: ${top.name} → ${top.categoryName}` };
}

export type EvalReport = {
  queries: number;
  top1: { correct: number; total: number; accuracy: number };
  options: { complete: number; total: number; rate: number };
  none: { correct: number; total: number };
  byKind: Record<string, { ok: number; total: number }>;
  byCity: Record<string, { ok: number; total: number }>;
  latency: { p50Ms: number; p95Ms: number; maxMs: number; runs: number };
  failures: EvalOutcome[];
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs every query (each `repeat` times for latency) and summarises. */
export function runEval(indexes: Map<EvalCity, SearchIndex>, options: { repeat?: number; queries?: EvalQuery[] } = {}): EvalReport {
  const repeat = options.repeat ?? 1;
  const queries = options.queries ?? EVAL_QUERIES;
  const times: number[] = [];
  const outcomes: EvalOutcome[] = [];
  // Warm up (JIT), not timed.
  for (const q of queries) searchIndex(indexes.get(q.city)!, q.query);
  for (let r = 0; r < repeat; r++) {
    for (const q of queries) {
      const index = indexes.get(q.city)!;
      const started = performance.now();
      const result = searchIndex(index, q.query);
      times.push(performance.now() - started);
      if (r === 0) outcomes.push(judge(q, result));
    }
  }
  times.sort((a, b) => a - b);
  const byKind: EvalReport["byKind"] = {};
  const byCity: EvalReport["byCity"] = {};
  for (const o of outcomes) {
    const k = (byKind[o.query.kind as EvalKind] ??= { ok: 0, total: 0 });
    const c = (byCity[o.query.city] ??= { ok: 0, total: 0 });
    k.total++;
    c.total++;
    if (o.ok) {
      k.ok++;
      c.ok++;
    }
  }
  const top1 = outcomes.filter((o) => !o.query.options && o.query.kind !== "none");
  const ambiguous = outcomes.filter((o) => o.query.options);
  const none = outcomes.filter((o) => o.query.kind === "none");
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    queries: outcomes.length,
    top1: { correct: top1.filter((o) => o.ok).length, total: top1.length, accuracy: round(top1.filter((o) => o.ok).length / Math.max(1, top1.length)) },
    options: { complete: ambiguous.filter((o) => o.ok).length, total: ambiguous.length, rate: round(ambiguous.filter((o) => o.ok).length / Math.max(1, ambiguous.length)) },
    none: { correct: none.filter((o) => o.ok).length, total: none.length },
    byKind,
    byCity,
    latency: { p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), maxMs: round(times[times.length - 1] ?? 0), runs: times.length },
    failures: outcomes.filter((o) => !o.ok),
  };
}
