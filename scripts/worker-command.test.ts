// The worker's V8 flags are written twice (scripts/worker-command.ts for the launchers, package.json's
// "worker" script for `npm run worker`); this keeps them the same, and checks that Node takes them.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WORKER_NODE_FLAGS, workerNodeArgs } from "./worker-command";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("[worker] command line", () => {
  it("npm run worker passes the same V8 flags as the launchers", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.worker).toBe(`tsx ${WORKER_NODE_FLAGS.join(" ")} scripts/worker.ts`);
    expect(workerNodeArgs(ROOT).slice(1, -1)).toEqual(WORKER_NODE_FLAGS);
  });

  it("Node accepts the flags and starts with the larger young generation", () => {
    const out = execFileSync(
      process.execPath,
      [...WORKER_NODE_FLAGS, "-e", "process.stdout.write(String(require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size))"],
      { encoding: "utf8" },
    );
    expect(Number(out)).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });
});
