// A stopping process survives the database connections it loses (pg's unheard "error" events), and
// still ends on any other uncaught error (stoppingWithTheDatabase).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function runStopping(thrown: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kairan-stopping-"));
  const file = path.join(dir, "stopping.ts");
  writeFileSync(
    file,
    `import { stoppingWithTheDatabase } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "lib/db/unavailable.ts")).href)};
stoppingWithTheDatabase();
setImmediate(() => { throw ${thrown}; });
setTimeout(() => process.exit(0), 200);`,
  );
  const result = spawnSync(process.execPath, ["--import", pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href, file], { encoding: "utf8", timeout: 20_000 });
  return { status: result.status, stderr: result.stderr };
}

describe("stoppingWithTheDatabase", () => {
  it("a connection PostgreSQL ends while the process stops is neither fatal nor printed", () => {
    const result = runStopping(`Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })`);
    expect(result).toEqual({ status: 0, stderr: "" });
  });

  it("any other uncaught error still ends the process, printed, with exit code 1", () => {
    const result = runStopping(`new TypeError("a real bug")`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("a real bug");
  });
});
