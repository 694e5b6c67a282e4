// How every launcher starts the worker (`npm start`, `npm run worker`, e2e, the benchmarks).
//
// V8 flags: the worker carries delivery's bulk traffic. Each multicast in flight holds ~50 kB (500
// recipient ids, the 18 kB body, the answer); with 64 in flight and V8's default young generation (a
// few MB at start, grown slowly) most of that is promoted to the old generation and collected there,
// expensively. A young generation of 16 MB per semi-space from the start lets it die young: two lanes
// sending 1,947 prepared batches used ~25 % less of the worker's CPU cold and ~35 % less warm
// (docs/benchmarks.md, bench:broadcast "Latest"). It costs ~50 MB of memory. They must be on the command line (NODE_OPTIONS
// does not take --min-semi-space-size); package.json's "worker" script repeats them.
//
// One process: node with tsx's loader (`--import tsx`), not the tsx command, which runs the script in a
// child process of its own — a SIGKILL (an operator's, an OOM killer's, bench:faults') would then kill
// only the wrapper and leave the worker running, orphaned.
import path from "node:path";
import { pathToFileURL } from "node:url";

export const WORKER_NODE_FLAGS = ["--min-semi-space-size=16", "--max-semi-space-size=32"];

/** `node` arguments that run scripts/worker.ts with tsx's loader in the same process, as in production. */
export function workerNodeArgs(root: string, nodeFlags: string[] = WORKER_NODE_FLAGS): string[] {
  // tsx's package entry "." is its loader (what `node --import tsx` loads); by path, so any cwd works.
  const loader = pathToFileURL(path.join(root, "node_modules", "tsx", "dist", "loader.mjs")).href;
  return [...nodeFlags, "--import", loader, path.join(root, "scripts", "worker.ts")];
}
