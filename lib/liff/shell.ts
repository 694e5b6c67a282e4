// A LIFF page (lib/liff/pages.ts) as its route handler under app/liff/ answers it: the shell's HTML
// (lib/liff/shell-html.ts) with the build's files (lib/liff/bundle.ts), the request's CSP nonce
// (proxy.ts) and the municipality's name. No Next client runtime: the page loads React and its own code.
import "server-only";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { headers } from "next/headers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { liffClientConfig } from "@/lib/liff/config";
import { liffAssetsDir, LIFF_MANIFEST, LIFF_PAGES, type LiffManifest, type LiffPageName } from "@/lib/liff/pages";
import { renderLiffShell } from "@/lib/liff/shell-html";

let cached: { file: string; mtimeMs: number; manifest: LiffManifest } | null = null;

/** The LIFF build's manifest, or null before the first build (re-read when a build replaces it). */
export function readLiffManifest(distDir = env().KAIRAN_NEXT_DIST_DIR, dev = env().NODE_ENV === "development"): LiffManifest | null {
  const file = path.resolve(liffAssetsDir(distDir, dev), LIFF_MANIFEST);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return null;
  }
  if (cached?.file !== file || cached.mtimeMs !== mtimeMs) cached = { file, mtimeMs, manifest: JSON.parse(readFileSync(file, "utf8")) as LiffManifest };
  return cached.manifest;
}

const HTML_HEADERS = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };

/** The response of a LIFF page's route handler. */
export async function liffPageResponse(name: LiffPageName): Promise<Response> {
  const page = LIFF_PAGES[name];
  const manifest = readLiffManifest();
  const assets = manifest?.pages[page.entry];
  if (!manifest || !assets) {
    return new Response("<!DOCTYPE html><html lang=\"ja\"><meta charset=\"utf-8\"><title>準備中</title><p>ページを準備しています。しばらくしてから開き直してください。</p></html>", {
      status: 503,
      headers: { ...HTML_HEADERS, "retry-after": "5" },
    });
  }
  const nonce = (await headers()).get("x-nonce") ?? "";
  const municipality = await db.municipality.findUnique({ where: { id: 1 }, select: { name: true } });
  const html = renderLiffShell({
    page,
    municipalityName: municipality?.name ?? "Kairan",
    nonce,
    config: liffClientConfig(),
    assets: { script: assets.script, preload: assets.preload, css: manifest.css },
  });
  return new Response(html, { headers: HTML_HEADERS });
}

export function liffNotFound(): Response {
  return new Response("<!DOCTYPE html><html lang=\"ja\"><meta charset=\"utf-8\"><title>見つかりません</title><p>ページが見つかりません。</p></html>", { status: 404, headers: HTML_HEADERS });
}
