import { test, expect, alerts, navLink } from "../support/fixtures.ts";

test.describe("[SECURITY] headers", () => {
  test("staff pages carry a nonce CSP, refuse framing and are not cached", async ({ request }) => {
    const response = await request.get("/staff/login");
    const csp = response.headers()["content-security-policy"]!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(response.headers()["x-frame-options"]).toBe("DENY");
    expect(response.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    const body = await response.text();
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(body).toContain(`nonce="${nonce}"`);
  });

  test("LIFF pages may be shown by LINE's clients", async ({ request }) => {
    const response = await request.get("/liff/register");
    const csp = response.headers()["content-security-policy"]!;
    expect(csp).toContain("frame-ancestors 'self' https://*.line.me https://liff.line.me");
    expect(response.headers()["x-frame-options"]).toBeUndefined();
  });

  test("pages work with the CSP in a real browser (no blocked scripts)", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/staff/login");
    await page.getByLabel("メールアドレス").fill("someone@example.jp");
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(alerts(page)).toContainText("パスワードを入力してください");
    expect(violations).toEqual([]);
  });
});
