// The first-load JavaScript of every LIFF page (lib/liff/pages.ts), gzip-compressed, from the build's
// manifest (lib/liff/bundle.ts), against the budget: residents open these pages on slow phones.
// First load = the page's entry script and every chunk it imports statically: React, the LIFF shell,
// the LIFF SDK and the page. Chunks a page may import later are reported apart (Leaflet when a map is
// shown; @line/liff-mock only with the LINE emulator). Used by `npm run check:liff-size` and e2e.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { liffAssetsDir, LIFF_MANIFEST, LIFF_PAGES, LIFF_PAGE_ROUTES, type LiffManifest, type LiffPageName } from "./pages.ts";

export const LIFF_FIRST_LOAD_BUDGET_KB = 120;

export type LiffSizeReport = {
  check: "liff-size";
  budgetKb: number;
  sharedKb: number;
  pages: { page: string; kb: number; ownKb: number; laterKb: number; ok: boolean }[];
  maxKb: number;
  pass: boolean;
};

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export function measureLiffSizes(distDir: string): LiffSizeReport | null {
  const dir = path.resolve(liffAssetsDir(distDir, false));
  const manifestFile = path.join(dir, LIFF_MANIFEST);
  if (!existsSync(manifestFile)) return null;
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as LiffManifest;
  const sizes = new Map<string, number>();
  const gz = (file: string) => {
    let size = sizes.get(file);
    if (size === undefined) sizes.set(file, (size = gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length));
    return size;
  };
  const sum = (files: string[]) => files.reduce((total, file) => total + gz(file), 0);
  const names = Object.keys(LIFF_PAGES) as LiffPageName[];
  const firstLoads = names.map((name) => manifest.pages[LIFF_PAGES[name].entry]!.firstLoad);
  // What every page loads (React, the shell, the LIFF SDK): the chunks common to all first loads.
  const shared = firstLoads.reduce((common, files) => common.filter((f) => files.includes(f)));
  const pages = names
    .map((name) => {
      const files = manifest.pages[LIFF_PAGES[name].entry]!;
      const bytes = sum(files.firstLoad);
      return { page: LIFF_PAGE_ROUTES[name], kb: kb(bytes), ownKb: kb(bytes - sum(shared)), laterKb: kb(sum(files.later)), ok: kb(bytes) <= LIFF_FIRST_LOAD_BUDGET_KB };
    })
    .sort((a, b) => a.page.localeCompare(b.page));
  return {
    check: "liff-size",
    budgetKb: LIFF_FIRST_LOAD_BUDGET_KB,
    sharedKb: kb(sum(shared)),
    pages,
    maxKb: Math.max(0, ...pages.map((p) => p.kb)),
    pass: pages.length > 0 && pages.every((p) => p.ok),
  };
}
