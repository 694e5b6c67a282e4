// `tsx scripts/build.ts [--if-stale]` — production build of the app (run by postinstall and npm start).
import { buildApp, buildIsCurrent } from "./lib/build.ts";

const ifStale = process.argv.includes("--if-stale");
if (ifStale && buildIsCurrent()) {
  console.log("Kairan: ビルドは最新です (build is up to date).");
} else {
  const started = performance.now();
  await buildApp();
  console.log(`Kairan: ビルドしました (${((performance.now() - started) / 1000).toFixed(1)} s).`);
}
