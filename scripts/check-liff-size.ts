// `npm run check:liff-size`: the first-load JavaScript of every LIFF page (/liff/**) of the production
// build, gzip-compressed, against the 120 kB budget (what counts: lib/liff/size.ts). Run the build
// first (`npm run build`, or `npm test`). Prints a table and, as its last line, one JSON object;
// exits 1 when a page is over budget.
import path from "node:path";
import { env } from "@/lib/env";
import { liffAssetsDir } from "@/lib/liff/pages";
import { LIFF_FIRST_LOAD_BUDGET_KB, measureLiffSizes } from "@/lib/liff/size";

function main(): number {
  const dist = path.resolve(env().KAIRAN_NEXT_DIST_DIR);
  const report = measureLiffSizes(dist);
  if (!report) {
    console.error(`LIFF ページのビルドが見つかりません（${liffAssetsDir(dist, false)}）。先に npm run build を実行してください。`);
    console.log(JSON.stringify({ check: "liff-size", error: "no build", dist }));
    return 2;
  }
  console.log(`LIFF ページの初回読み込み JavaScript（gzip、予算 ${LIFF_FIRST_LOAD_BUDGET_KB} kB）— ${dist}`);
  console.log(`  うち全ページ共通（React、LIFF の土台、LIFF SDK）: ${report.sharedKb} kB`);
  for (const r of report.pages) {
    console.log(`  ${r.ok ? "✓" : "✗"} ${r.page.padEnd(22)} ${String(r.kb).padStart(6)} kB（ページ固有 ${r.ownKb} kB、あとから必要なときだけ ${r.laterKb} kB）`);
  }
  console.log(JSON.stringify(report));
  return report.pass ? 0 : 1;
}

process.exitCode = main();
