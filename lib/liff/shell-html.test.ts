import { describe, expect, it } from "vitest";
import { renderLiffShell } from "./shell-html.ts";
import { LIFF_PAGES } from "./pages.ts";

const base = {
  municipalityName: "みどり市",
  nonce: "bm9uY2U=",
  config: { liffId: "2000000000-abcdefgh", mock: true, emulatorUrl: "http://127.0.0.1:4000" },
  assets: { script: "garbage-AB12.js", preload: ["chunk-1.js", "chunk-2.js"], css: "liff-CD34.css" },
};

describe("renderLiffShell", () => {
  it("gives every script and preload the request's nonce, and links the page's own files only", () => {
    const html = renderLiffShell({ ...base, page: LIFF_PAGES.garbage });
    expect(html).toMatch(/^<!DOCTYPE html><html lang="ja">/);
    expect(html).toContain('<script type="module" src="/liff/assets/garbage-AB12.js" nonce="bm9uY2U="></script>');
    expect(html).toContain('<link rel="modulepreload" href="/liff/assets/chunk-1.js" nonce="bm9uY2U=">');
    expect(html).toContain('<link rel="modulepreload" href="/liff/assets/chunk-2.js" nonce="bm9uY2U=">');
    expect(html).toContain('<link rel="stylesheet" href="/liff/assets/liff-CD34.css">');
    expect(html).not.toContain("/_next/");
    // Every executable <script> carries the nonce; the configuration is data, not script.
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/nonce="bm9uY2U="|type="application\/json"/);
  });

  it("shows the heading, the lead and a loading status before the bundle runs", () => {
    const html = renderLiffShell({ ...base, page: LIFF_PAGES.garbage });
    expect(html).toContain("<title>ごみの分け方・出し方</title>");
    expect(html).toContain('<h1 class="mb-2 text-std-24B-150">ごみの分け方・出し方</h1>');
    expect(html).toContain("品目の分け方と、お住まいの地区の収集日を調べられます。");
    expect(html).toContain('<div id="liff-root"><p role="status"');
    expect(html).toContain("みどり市 LINE 公式アカウント");
    // A page that renders its own heading (the facility's name) has none in the shell.
    expect(renderLiffShell({ ...base, page: LIFF_PAGES["nursery-detail"] })).not.toContain("<h1");
  });

  it("escapes text and keeps the configuration from closing its element", () => {
    const html = renderLiffShell({
      ...base,
      municipalityName: '<img src=x onerror="alert(1)">市',
      nonce: '"><script>alert(1)</script>',
      config: { ...base.config, liffId: "</script><script>alert(1)</script>" },
      page: LIFF_PAGES.register,
    });
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;市");
    expect(html).not.toContain("<script>alert(1)");
    const json = /<script type="application\/json" id="liff-config">(.*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json)).toEqual({ ...base.config, liffId: "</script><script>alert(1)</script>" });
  });
});
