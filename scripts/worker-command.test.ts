// The worker's V8 flags are written twice (scripts/worker-command.ts for the launchers, package.json's
// "worker" script for `npm run worker`); this keeps them the same, and checks that Node takes them.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WORKER_NODE_FLAGS, workerNodeArgs } from "./worker-command";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("[worker] command line", () => {
  it("npm run worker passes the same V8 flags as the launchers", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.worker).toBe(`node ${WORKER_NODE_FLAGS.join(" ")} --import tsx scripts/worker.ts`);
    expect(workerNodeArgs(ROOT).slice(0, WORKER_NODE_FLAGS.length)).toEqual(WORKER_NODE_FLAGS);
  });

  it("the worker is one process: SIGKILL to the launched process stops it (no orphaned child)", async () => {
    // The same command line with a script that would run for ever (tsx's loader, TypeScript).
    const args = workerNodeArgs(ROOT);
    const script = path.join(ROOT, "scripts", "test", "fixtures", "run-forever.ts");
    const child = spawn(process.execPath, [...args.slice(0, -1), script], { stdio: ["ignore", "pipe", "inherit"] });
    const pid = await new Promise<number>((resolve, reject) => {
      child.stdout!.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      child.once("exit", (code) => reject(new Error(`exited with ${code}`)));
    });
    expect(pid).toBe(child.pid);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(() => process.kill(pid, 0)).toThrow();
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
