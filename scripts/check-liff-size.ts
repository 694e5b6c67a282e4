// `npm run check:liff-size`: the first-load JavaScript of every LIFF page (/liff/**) of the production
// build, gzip-compressed, against the budget (120 kB: residents open these pages on slow phones).
// First load = the framework's root chunks (build-manifest rootMainFiles) plus every chunk of the
// client components the page's tree uses and loads at once (its client-reference manifest; chunks
// loaded later with import()/next/dynamic — the nursery map's Leaflet — are not counted). Run
// `next build` first (`npm test` or `npm run build`). Prints a table and, as its last line, one JSON
// object; exits 1 when a page is over budget.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { env } from "@/lib/env";

export const LIFF_FIRST_LOAD_BUDGET_KB = 120;

const dist = path.resolve(env().KAIRAN_NEXT_DIST_DIR);

type ClientModule = { chunks: string[]; async?: boolean };
type ReferenceManifest = { clientModules: Record<string, ClientModule>; entryJSFiles?: Record<string, string[]> };

function readReferenceManifest(file: string): ReferenceManifest {
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST[entry]; run it on a sandbox object.
  const sandbox: { __RSC_MANIFEST?: Record<string, ReferenceManifest> } = {};
  new Function("globalThis", readFileSync(file, "utf8"))(sandbox);
  const manifests = Object.values(sandbox.__RSC_MANIFEST ?? {});
  if (manifests.length !== 1) throw new Error(`unexpected client reference manifest: ${file}`);
  return manifests[0]!;
}

function findPages(dir: string, route: string): { route: string; manifest: string }[] {
  const out: { route: string; manifest: string }[] = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...findPages(full, `${route}/${entry}`));
    else if (entry === "page_client-reference-manifest.js") out.push({ route: route || "/", manifest: full });
  }
  return out;
}

const gzipCache = new Map<string, number>();
function gzipSize(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(dist, file.replace(/^\/_next\//, ""))), { level: 9 }).length;
    gzipCache.set(file, size);
  }
  return size;
}

function main(): number {
  const buildManifest = path.join(dist, "build-manifest.json");
  if (!existsSync(buildManifest)) {
    console.error(`本番ビルドが見つかりません（${dist}）。先に npm run build を実行してください。`);
    console.log(JSON.stringify({ check: "liff-size", error: "no build", dist }));
    return 2;
  }
  const root = (JSON.parse(readFileSync(buildManifest, "utf8")) as { rootMainFiles: string[] }).rootMainFiles;
  const pages = findPages(path.join(dist, "server", "app", "liff"), "/liff");
  // React and Next's app-router runtime: loaded by every App Router page, whatever it contains.
  const frameworkBytes = root.reduce((sum, file) => sum + gzipSize(file.replace(/^\/?/, "")), 0);
  const frameworkKb = Math.round((frameworkBytes / 1024) * 10) / 10;
  const results = pages
    .map(({ route, manifest }) => {
      const reference = readReferenceManifest(manifest);
      const chunks = new Set<string>(root.map((f) => f.replace(/^\/?/, "")));
      for (const module of Object.values(reference.clientModules)) {
        if (module.async) continue;
        for (const chunk of module.chunks) if (chunk.endsWith(".js")) chunks.add(chunk.replace(/^\/_next\//, ""));
      }
      const bytes = [...chunks].reduce((sum, file) => sum + gzipSize(file), 0);
      const kb = Math.round((bytes / 1024) * 10) / 10;
      const ownKb = Math.round(((bytes - frameworkBytes) / 1024) * 10) / 10;
      return { page: route, kb, ownKb, chunks: chunks.size, ok: kb <= LIFF_FIRST_LOAD_BUDGET_KB };
    })
    .sort((a, b) => a.page.localeCompare(b.page));

  console.log(`LIFF ページの初回読み込み JavaScript（gzip、予算 ${LIFF_FIRST_LOAD_BUDGET_KB} kB）— ${dist}`);
  console.log(`  うち React と Next.js の共通部分（どのページも読み込む）: ${frameworkKb} kB`);
  for (const r of results) console.log(`  ${r.ok ? "✓" : "✗"} ${r.page.padEnd(28)} ${String(r.kb).padStart(6)} kB（ページ固有 ${r.ownKb} kB、${r.chunks} files）`);
  const over = results.filter((r) => !r.ok);
  if (results.length === 0) console.log("  LIFF ページがビルドにありません。");
  console.log(JSON.stringify({ check: "liff-size", budgetKb: LIFF_FIRST_LOAD_BUDGET_KB, frameworkKb, pages: results.map(({ page, kb, ownKb, ok }) => ({ page, kb, ownKb, ok })), maxKb: Math.max(0, ...results.map((r) => r.kb)), pass: results.length > 0 && over.length === 0 }));
  return results.length > 0 && over.length === 0 ? 0 : 1;
}

process.exitCode = main();
