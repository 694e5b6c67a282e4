import { test, expect, alerts, navLink, signIn, demoAccount } from "../support/fixtures.ts";

test.describe("[AUDIT] audit log", () => {
  test("viewing residents' personal data is recorded, and the admin finds it and exports the log as CSV", async ({ page, browser }) => {
    const editorContext = await browser.newContext();
    const editor = await editorContext.newPage();
    await signIn(editor, demoAccount("EDITOR"));
    await navLink(editor, "住民").click();
    await expect(editor.getByRole("table")).toBeVisible();
    await editorContext.close();

    await signIn(page, demoAccount("ADMIN"));
    await navLink(page, "監査ログ").click();
    await page.getByLabel("操作", { exact: true }).selectOption({ label: "住民の個人情報の閲覧" });
    await page.getByRole("button", { name: "この条件で表示する" }).click();
    const table = page.getByRole("table");
    await expect(table.getByRole("row").nth(1)).toContainText("起案 太郎");
    await expect(table.getByRole("row").nth(1)).toContainText("住民の個人情報の閲覧");

    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "CSV で書き出す" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^kairan-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(bytes as Buffer[]).toString("utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("日時,操作者,操作者ID,操作,操作コード,対象の種類,対象ID,内容,IPアドレス,ユーザーエージェント");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes("residents.view-personal"))).toBe(true);
  });

  test("a failed sign-in with a formula as the address cannot inject into the exported CSV", async ({ page, request }) => {
    await page.goto("/staff/login");
    await page.getByLabel("メールアドレス").fill("=HYPERLINK(\"http://evil.example\")@x.jp");
    await page.getByLabel("パスワード").fill("x");
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(alerts(page)).toBeVisible();
    await signIn(page, demoAccount("ADMIN"));
    const response = await page.request.get("/staff/audit/export?action=auth.sign-in-failed");
    const text = await response.text();
    expect(text).toContain(`"'=hyperlink(""http://evil.example"")@x.jp"`);
    void request;
  });
});
