// `npm run bench:garbage [-- --data ../shared/data/garbage --repeat 20]`: Kairan's evaluation set of
// resident-style queries (lib/garbage/eval/queries.ts) over the five real 5374 dictionaries —
// top-1 accuracy, the share of ambiguous queries whose every option is shown, and search latency
// (p50/p95 over every query × repeat, in-memory index, one process). Prints a summary, the failures,
// and as its last line one JSON object.
import { parseArgs } from "node:util";
import os from "node:os";
import { createReadingGenerator } from "@/lib/garbage/readings";
import { buildCityIndex, DEFAULT_GARBAGE_DATA_DIR, garbageDataAvailable, runEval } from "@/lib/garbage/eval/run";
import { EVAL_CITIES, EVAL_QUERIES, type EvalCity } from "@/lib/garbage/eval/queries";
import { generateEvalQueries } from "@/lib/garbage/eval/generate";
import type { SearchIndex } from "@/lib/garbage/search";

const { values } = parseArgs({ options: { data: { type: "string", default: DEFAULT_GARBAGE_DATA_DIR }, repeat: { type: "string", default: "20" }, verbose: { type: "boolean" } } });
const dir = values.data!;
if (!garbageDataAvailable(dir)) {
  console.error(`5374 のデータが見つかりません: ${dir}（--data で指定してください）`);
  process.exit(2);
}

const generator = await createReadingGenerator();
const indexes = new Map<EvalCity, SearchIndex>();
const buildTimes: Record<string, number> = {};
for (const city of Object.keys(EVAL_CITIES) as EvalCity[]) {
  const started = performance.now();
  indexes.set(city, buildCityIndex(dir, city, generator));
  buildTimes[city] = Math.round(performance.now() - started);
}
// Index build without the readings (what an app instance does when a dictionary's version changes).
const rebuild: Record<string, number> = {};
for (const [city, index] of indexes) {
  const { buildSearchIndex } = await import("@/lib/garbage/search");
  const started = performance.now();
  buildSearchIndex({ dictionaryId: index.dictionaryId, version: 2, items: index.items, synonyms: index.synonyms });
  rebuild[city] = Math.round((performance.now() - started) * 10) / 10;
}

const generated = generateEvalQueries(indexes, { perCity: 40 });
const handWritten = runEval(indexes, { repeat: 1, queries: EVAL_QUERIES });
const generatedReport = runEval(indexes, { repeat: 1, queries: generated });
// Latency over both sets together, each query `repeat` times.
const report = runEval(indexes, { repeat: Number(values.repeat), queries: [...EVAL_QUERIES, ...generated] });

console.log(`garbage search evaluation: ${report.queries} queries (${EVAL_QUERIES.length} written by hand, ${generated.length} generated) over ${indexes.size} dictionaries (${os.cpus().length} cores)`);
for (const [label, r] of [["hand-written", handWritten], ["generated", generatedReport]] as const) {
  console.log(`  ${label.padEnd(13)} top-1 ${r.top1.correct}/${r.top1.total} = ${(r.top1.accuracy * 100).toFixed(1)} %, all options shown ${r.options.complete}/${r.options.total}, not found when absent ${r.none.correct}/${r.none.total}`);
}
console.log(`  top-1 accuracy          ${report.top1.correct}/${report.top1.total} = ${(report.top1.accuracy * 100).toFixed(1)} %`);
console.log(`  all options shown       ${report.options.complete}/${report.options.total} = ${(report.options.rate * 100).toFixed(1)} % (ambiguous queries)`);
console.log(`  "not found" when absent ${report.none.correct}/${report.none.total}`);
console.log(`  latency                 p50 ${report.latency.p50Ms} ms, p95 ${report.latency.p95Ms} ms, max ${report.latency.maxMs} ms (${report.latency.runs} searches)`);
console.log(`  index rebuild (ms)      ${Object.entries(rebuild).map(([c, ms]) => `${c} ${ms}`).join(", ")}`);
console.log("  by kind:  " + Object.entries(report.byKind).map(([k, v]) => `${k} ${v.ok}/${v.total}`).join(", "));
console.log("  by city:  " + Object.entries(report.byCity).map(([k, v]) => `${k} ${v.ok}/${v.total}`).join(", "));
if (report.failures.length) {
  console.log("\nfailures:");
  for (const f of report.failures) console.log(`  [${f.query.city}/${f.query.kind}] ${f.query.query} → ${f.reason}`);
}
if (values.verbose) {
  console.log("\nindex build with readings (ms): " + JSON.stringify(buildTimes));
}
console.log(
  JSON.stringify({
    bench: "garbage",
    queries: report.queries,
    handWrittenTop1: handWritten.top1.accuracy,
    generatedTop1: generatedReport.top1.accuracy,
    top1Accuracy: report.top1.accuracy,
    top1: `${report.top1.correct}/${report.top1.total}`,
    allOptionsShownRate: report.options.rate,
    allOptionsShown: `${report.options.complete}/${report.options.total}`,
    notFoundCorrect: `${report.none.correct}/${report.none.total}`,
    p50Ms: report.latency.p50Ms,
    p95Ms: report.latency.p95Ms,
    maxMs: report.latency.maxMs,
    searches: report.latency.runs,
    goalP95Ms: 2,
    pass: report.latency.p95Ms <= 2,
  }),
);
