// How every launcher starts the worker (`npm start`, `npm run worker`, e2e, the benchmarks).
//
// V8 flags: the worker carries delivery's bulk traffic. Each multicast in flight holds ~50 kB (500
// recipient ids, the 18 kB body, the answer); with 64 in flight and V8's default young generation (a
// few MB at start, grown slowly) most of that is promoted to the old generation and collected there,
// expensively. A young generation of 16 MB per semi-space from the start lets it die young: two lanes
// sending 1,947 prepared batches used ~20–40 % less of the worker's CPU (docs/benchmarks.md, "The
// worker's young generation"). It costs ~50 MB of memory. They must be on the command line (NODE_OPTIONS
// does not take --min-semi-space-size); package.json's "worker" script repeats them.
import path from "node:path";

export const WORKER_NODE_FLAGS = ["--min-semi-space-size=16", "--max-semi-space-size=32"];

/** `node` arguments that run scripts/worker.ts through tsx, as in production. */
export function workerNodeArgs(root: string, nodeFlags: string[] = WORKER_NODE_FLAGS): string[] {
  return [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), ...nodeFlags, path.join(root, "scripts", "worker.ts")];
}
