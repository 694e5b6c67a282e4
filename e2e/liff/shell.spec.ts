// The LIFF pages' own shell (lib/liff/shell.ts, lib/liff/bundle.ts): small enough for a slow phone,
// every script under the request's CSP nonce, files cached for good, and nothing else served.
import { test, expect, expectNoA11yViolations } from "../support/fixtures.ts";
import { env } from "../../lib/env.ts";
import { DEMO_CHANNEL } from "../../emulator/demo-channel.ts";
import { suffix } from "../../scripts/test/factories.ts";
import { LIFF_FIRST_LOAD_BUDGET_KB, measureLiffSizes } from "../../lib/liff/size.ts";

test.describe("[LIFF] the LIFF pages' shell", () => {
  test("[LIFF] every LIFF page's first-load JavaScript is within the budget (gzip, with React and the LIFF SDK)", () => {
    const report = measureLiffSizes(env().KAIRAN_NEXT_DIST_DIR);
    expect(report, "the build has no LIFF bundles").not.toBeNull();
    expect(report!.pages.map((p) => p.page).sort()).toEqual(["/liff", "/liff/garbage", "/liff/nursery", "/liff/nursery/[id]", "/liff/register", "/liff/tester"]);
    for (const page of report!.pages) expect(page.kb, page.page).toBeLessThanOrEqual(LIFF_FIRST_LOAD_BUDGET_KB);
  });

  test("[LIFF] the page's scripts carry the request's nonce and its files are cached for good", async ({ request }) => {
    const response = await request.get("/liff/garbage");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"]!)![1]!;
    const html = await response.text();
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(new RegExp(`nonce="${nonce.replace(/[+/=]/g, "\\$&")}"|type="application/json"`));
    const files = [...html.matchAll(/(?:src|href)="(\/liff\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(files.some((f) => f.endsWith(".css"))).toBe(true);
    for (const file of files) {
      const asset = await request.get(file);
      expect(asset.status(), file).toBe(200);
      expect(asset.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    }
    // Only what the build wrote: not its manifest, no path tricks.
    for (const bad of ["/liff/assets/manifest.json", "/liff/assets/..%2F..%2Fpackage.json", "/liff/assets/nothing.js"]) {
      expect((await request.get(bad)).status(), bad).toBe(404);
    }
    expect((await request.get("/liff/nursery/abc")).status()).toBe(404);
  });

  test("[LIFF] a LIFF page runs under the CSP in a real browser (no blocked scripts)", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto("/liff/garbage");
    await expect(page.getByRole("heading", { level: 1, name: "ごみの分け方・出し方" })).toBeVisible();
    // The bundle ran: outside LINE it says where to open the page.
    await expect(page.getByText("このページは LINE アプリから開いてください。")).toBeVisible();
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("[LIFF] the LIFF app's start page lists the services, and a link opens one without asking LINE again", async ({ page, lineEmulator }) => {
    const { resident } = await lineEmulator.call<{ resident: { userId: string } }>("POST", "/residents", { displayName: `一覧 住民${suffix()}` });
    await page.goto(`${lineEmulator.url}/__emulator/liff/open?userId=${resident.userId}&url=${encodeURIComponent(`https://liff.line.me/${DEMO_CHANNEL.liffIds[0]}`)}`);
    await expect(page).toHaveURL(/\/liff$/);
    const services = page.getByRole("link");
    await expect(services).toHaveCount(3);
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: /保育施設をさがす/ }).click();
    await expect(page).toHaveURL(/\/liff\/nursery$/);
    // A full page load, and LIFF starts again from this tab's session: the search form, not "open it in LINE".
    await expect(page.getByLabel("現在地の近く")).toBeVisible();
  });
});
