// The HTML of a LIFF page's shell (lib/liff/shell.ts serves it): the municipality's header, the page's
// heading and lead at once, "読み込んでいます…" where the page will appear, the LIFF configuration, and
// the page's own bundle and stylesheet (lib/liff/bundle.ts), every script with the request's CSP nonce.
import type { LiffClientConfig } from "@/lib/liff/config";
import { LIFF_ASSETS_URL, LIFF_CONFIG_ID, LIFF_ROOT_ID, type LiffPage } from "@/lib/liff/pages";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** JSON inside <script type="application/json">: nothing in it can close the element or open a comment. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export type LiffShellInput = {
  page: LiffPage;
  municipalityName: string;
  nonce: string;
  config: LiffClientConfig;
  assets: { script: string; preload: string[]; css: string };
};

export function renderLiffShell({ page, municipalityName, nonce, config, assets }: LiffShellInput): string {
  const url = (file: string) => `${LIFF_ASSETS_URL}/${encodeURIComponent(file)}`;
  const n = escapeHtml(nonce);
  const heading = page.heading
    ? `<h1 class="${page.lead ? "mb-2" : "mb-4"} text-std-24B-150">${escapeHtml(page.heading)}</h1>` +
      (page.lead ? `<p class="mb-6 text-std-16N-170 text-solid-gray-600">${escapeHtml(page.lead)}</p>` : "")
    : "";
  return [
    "<!DOCTYPE html>",
    '<html lang="ja">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(page.title)}</title>`,
    // app/icon.svg, which Next serves at /icon.svg (without it the browser asks for /favicon.ico: 404).
    '<link rel="icon" href="/icon.svg" sizes="any" type="image/svg+xml">',
    `<link rel="stylesheet" href="${url(assets.css)}">`,
    ...assets.preload.map((file) => `<link rel="modulepreload" href="${url(file)}" nonce="${n}">`),
    `<script type="module" src="${url(assets.script)}" nonce="${n}"></script>`,
    "</head>",
    '<body class="min-h-dvh bg-white antialiased">',
    '<div class="min-h-dvh bg-solid-gray-50">',
    `<header class="bg-blue-900 px-4 py-3 text-white"><p class="mx-auto max-w-xl text-std-16B-170">${escapeHtml(municipalityName)} LINE 公式アカウント</p></header>`,
    '<main id="main" class="mx-auto max-w-xl bg-white px-4 pb-16 pt-6">',
    heading,
    `<div id="${LIFF_ROOT_ID}"><p role="status" class="py-12 text-center text-std-16N-170 text-solid-gray-600">読み込んでいます…</p></div>`,
    '<noscript><p class="my-8 text-std-16N-170">このページを使うには JavaScript を有効にしてください。</p></noscript>',
    "</main>",
    "</div>",
    `<script type="application/json" id="${LIFF_CONFIG_ID}">${scriptJson(config)}</script>`,
    "</body>",
    "</html>",
  ].join("");
}
