// Builds the app (next build, then the LIFF pages' own bundles: lib/liff/bundle.ts) when its sources
// changed since the last build, so `npm start` after `npm install` starts at once and after an edit
// rebuilds by itself.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { env } from "../../lib/env.ts";
import { buildLiffAssets } from "../../lib/liff/bundle.ts";
import { liffAssetsDir, LIFF_MANIFEST } from "../../lib/liff/pages.ts";

const SOURCE_DIRS = ["app", "pages", "components", "lib", "public", "generated"];
const SOURCE_FILES = ["proxy.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "tsconfig.next.json", "package-lock.json"];
function distDir(): string {
  return env().KAIRAN_NEXT_DIST_DIR;
}

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (!/\.(test|int\.test)\.tsx?$/.test(entry.name)) out.push(full);
  }
}

export function sourceHash(root = "."): string {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir), files);
  for (const file of SOURCE_FILES) if (existsSync(path.join(root, file))) files.push(path.join(root, file));
  const hash = createHash("sha256");
  for (const file of files.sort()) hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

export function buildIsCurrent(root = "."): boolean {
  const stamp = path.join(root, distDir(), "kairan-source-hash");
  return (
    existsSync(path.join(root, distDir(), "BUILD_ID")) &&
    existsSync(path.join(root, liffAssetsDir(distDir(), false), LIFF_MANIFEST)) &&
    existsSync(stamp) && readFileSync(stamp, "utf8") === sourceHash(root)
  );
}

export async function buildApp(options: { log?: (line: string) => void; root?: string } = {}): Promise<void> {
  const root = options.root ?? ".";
  const hash = sourceHash(root);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})`))));
  });
  await buildLiffAssets({ root, distDir: distDir() });
  writeFileSync(path.join(root, distDir(), "kairan-source-hash"), hash);
}
