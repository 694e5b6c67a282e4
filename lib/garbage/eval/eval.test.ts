// The evaluation set over the five real 5374 dictionaries (../shared/data/garbage). Skipped where
// that folder is absent (the data is not part of the repository).
import { describe, expect, it } from "vitest";
import { createReadingGenerator } from "@/lib/garbage/readings";
import type { SearchIndex } from "@/lib/garbage/search";
import { EVAL_CITIES, EVAL_QUERIES, type EvalCity } from "./queries";
import { buildCityIndex, DEFAULT_GARBAGE_DATA_DIR, garbageDataAvailable, runEval } from "./run";

describe.skipIf(!garbageDataAvailable())("[GARBAGE] evaluation over the real dictionaries", () => {
  it("answers the hand-written resident queries (top-1 ≥ 95 %, every option of ambiguous items shown ≥ 95 %)", { timeout: 60_000 }, async () => {
    const generator = await createReadingGenerator();
    const indexes = new Map<EvalCity, SearchIndex>();
    for (const city of Object.keys(EVAL_CITIES) as EvalCity[]) indexes.set(city, buildCityIndex(DEFAULT_GARBAGE_DATA_DIR, city, generator));
    const report = runEval(indexes, { queries: EVAL_QUERIES });
    const failures = report.failures.map((f) => `${f.query.city}: ${f.query.query} → ${f.reason}`);
    expect(report.top1.accuracy, failures.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(report.options.rate, failures.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(report.none.correct).toBe(report.none.total);
  });
});
