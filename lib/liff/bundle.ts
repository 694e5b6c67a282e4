// Builds the LIFF pages' browser bundles (lib/liff/pages.ts) into <dist>/liff-assets (liffAssetsDir): one ES module per
// page (components/liff/entries/<entry>.tsx) with shared chunks (React, the LIFF shell and SDK), and
// one stylesheet (the app's Tailwind/DADS CSS, Noto Sans JP and Leaflet's CSS). manifest.json tells
// the server which files a page loads (lib/liff/shell.ts) and `npm run check:liff-size` what counts as
// its first load: the entry and every chunk it imports statically. Chunks loaded later with import()
// (Leaflet when the map is shown, @line/liff-mock with the emulator) are listed apart.
//
// Run by the production build (scripts/lib/build.ts, after `next build`) and, watching, by `npm run dev`.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as esbuild from "esbuild";
import postcss from "postcss";
import tailwind from "@tailwindcss/postcss";
import { liffAssetsDir, LIFF_MANIFEST, LIFF_PAGES, type LiffManifest } from "./pages.ts";

type Options = { root?: string; distDir: string; dev?: boolean; log?: (line: string) => void };

function entryPoints(root: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const page of Object.values(LIFF_PAGES)) entries[page.entry] = path.join(root, "components", "liff", "entries", `${page.entry}.tsx`);
  return entries;
}

/** CSS imported by shared components (Leaflet's) is in the one stylesheet instead. */
const cssImportsAreInTheStylesheet: esbuild.Plugin = {
  name: "liff-css-in-stylesheet",
  setup(build) {
    build.onResolve({ filter: /\.css$/ }, (args) => (args.kind === "import-statement" ? { path: args.path, namespace: "liff-no-css" } : undefined));
    build.onLoad({ filter: /.*/, namespace: "liff-no-css" }, () => ({ contents: "", loader: "js" }));
  },
};

function scriptOptions(root: string, outdir: string, dev: boolean): esbuild.BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: entryPoints(root),
    bundle: true,
    splitting: true,
    format: "esm",
    // LINE's in-app browser: iOS 15+ WebKit and recent Android WebView.
    target: ["es2020"],
    platform: "browser",
    minify: !dev,
    sourcemap: dev ? "linked" : false,
    jsx: "automatic",
    tsconfig: path.join(root, "tsconfig.json"),
    define: { "process.env.NODE_ENV": JSON.stringify(dev ? "development" : "production") },
    alias: { "next/link": path.join(root, "components", "liff", "plain-link.tsx") },
    plugins: [cssImportsAreInTheStylesheet],
    outdir,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    metafile: true,
    legalComments: "none",
    logLevel: "silent",
  };
}

async function buildStylesheet(root: string, outdir: string, dev: boolean): Promise<string> {
  const globals = path.join(root, "app", "globals.css");
  const tailwindCss = await postcss([tailwind({ base: root, optimize: !dev })]).process(await readFile(globals, "utf8"), { from: globals });
  const result = await esbuild.build({
    absWorkingDir: root,
    stdin: {
      contents: ['@import "@fontsource/noto-sans-jp/400.css";', '@import "@fontsource/noto-sans-jp/700.css";', '@import "leaflet/dist/leaflet.css";', tailwindCss.css].join("\n"),
      resolveDir: root,
      sourcefile: "liff.css",
      loader: "css",
    },
    bundle: true,
    minify: !dev,
    loader: { ".woff2": "file", ".woff": "file", ".png": "file", ".svg": "file" },
    outdir,
    entryNames: "liff-[hash]",
    assetNames: "[name]-[hash]",
    metafile: true,
    logLevel: "silent",
  });
  const css = Object.keys(result.metafile.outputs).find((file) => file.endsWith(".css"));
  if (!css) throw new Error("LIFF stylesheet was not written");
  return path.basename(css);
}

function manifestFrom(metafile: esbuild.Metafile, root: string, css: string): LiffManifest {
  const outputs = metafile.outputs;
  const byEntry = new Map<string, string>();
  for (const [file, output] of Object.entries(outputs)) if (output.entryPoint) byEntry.set(path.resolve(root, output.entryPoint), file);
  const closure = (file: string, kinds: readonly string[], seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const imported of outputs[file]?.imports ?? []) if (kinds.includes(imported.kind) && !imported.external) closure(imported.path, kinds, seen);
    return seen;
  };
  const pages: LiffManifest["pages"] = {};
  for (const [name, source] of Object.entries(entryPoints(root))) {
    const entryFile = byEntry.get(source);
    if (!entryFile) throw new Error(`LIFF bundle for ${name} was not written`);
    const first = closure(entryFile, ["import-statement"]);
    const all = closure(entryFile, ["import-statement", "dynamic-import"]);
    const base = (files: Iterable<string>) => [...files].filter((f) => f.endsWith(".js")).map((f) => path.basename(f));
    pages[name] = {
      script: path.basename(entryFile),
      preload: base([...first].filter((f) => f !== entryFile)),
      firstLoad: base(first),
      later: base([...all].filter((f) => !first.has(f))),
    };
  }
  return { css, pages };
}

async function writeManifest(outdir: string, manifest: LiffManifest): Promise<void> {
  const file = path.join(outdir, LIFF_MANIFEST);
  await writeFile(`${file}.tmp`, JSON.stringify(manifest, null, 2));
  await rename(`${file}.tmp`, file);
}

/** One production (or development) build of every LIFF page. */
export async function buildLiffAssets(options: Options): Promise<LiffManifest> {
  const root = path.resolve(options.root ?? ".");
  const dev = options.dev ?? false;
  const outdir = path.resolve(root, liffAssetsDir(options.distDir, dev));
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const [scripts, css] = await Promise.all([esbuild.build(scriptOptions(root, outdir, dev)), buildStylesheet(root, outdir, dev)]);
  const manifest = manifestFrom(scripts.metafile!, root, css);
  await writeManifest(outdir, manifest);
  return manifest;
}

/** `npm run dev`: builds once, then rebuilds the scripts and the stylesheet whenever a source changes. */
export async function watchLiffAssets(options: Options): Promise<{ stop(): Promise<void> }> {
  const root = path.resolve(options.root ?? ".");
  const outdir = path.resolve(root, liffAssetsDir(options.distDir, true));
  const log = options.log ?? (() => {});
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  let first: (() => void) | null = null;
  const ready = new Promise<void>((resolve) => (first = resolve));
  const context = await esbuild.context({
    ...scriptOptions(root, outdir, true),
    plugins: [
      cssImportsAreInTheStylesheet,
      {
        name: "liff-manifest",
        setup(build) {
          build.onEnd(async (result) => {
            if (result.errors.length > 0) {
              log(`LIFF ページのビルドに失敗しました: ${result.errors.map((e) => e.text).join(" / ")}`);
            } else {
              try {
                const css = await buildStylesheet(root, outdir, true);
                await writeManifest(outdir, manifestFrom(result.metafile!, root, css));
              } catch (error) {
                log(`LIFF ページのスタイルのビルドに失敗しました: ${(error as Error).message}`);
              }
            }
            first?.();
            first = null;
          });
        },
      },
    ],
  });
  await context.watch();
  await ready;
  return { stop: () => context.dispose() };
}
