// `npm test`: type check, unit and integration tests (Vitest, real PostgreSQL), then e2e
// (Playwright, real Chromium, the production build). `--only unit|integration|e2e|typecheck`.
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { only: { type: "string" } } });
const steps: { name: string; command: string[] }[] = [
  { name: "typecheck", command: ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "tsconfig.json"] },
  { name: "unit", command: ["node_modules/vitest/vitest.mjs", "run", "--project", "unit"] },
  { name: "integration", command: ["node_modules/vitest/vitest.mjs", "run", "--project", "integration"] },
  { name: "e2e", command: ["node_modules/@playwright/test/cli.js", "test"] },
];

const selected = values.only ? steps.filter((s) => s.name === values.only) : steps;
if (selected.length === 0) {
  console.error(`unknown step: ${values.only} (typecheck, unit, integration, e2e)`);
  process.exit(2);
}

const results: { name: string; ok: boolean; seconds: number }[] = [];
for (const step of selected) {
  const started = performance.now();
  console.log(`\n━━ ${step.name} ━━`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, step.command, {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", CHECKPOINT_DISABLE: "1" },
    });
    child.on("exit", (c) => resolve(c ?? 1));
  });
  results.push({ name: step.name, ok: code === 0, seconds: (performance.now() - started) / 1000 });
  if (code !== 0) break;
}

console.log("\n━━ summary ━━");
for (const r of results) console.log(`${r.ok ? "✓" : "✗"} ${r.name.padEnd(12)} ${r.seconds.toFixed(1)} s`);
process.exit(results.every((r) => r.ok) && results.length === selected.length ? 0 : 1);
