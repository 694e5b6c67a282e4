import { test, expect, alerts, navLink, signIn, demoAccount } from "../support/fixtures.ts";
import { suffix } from "../../scripts/test/factories.ts";

test.describe("[STAFF] managing staff accounts", () => {
  test("an admin creates a staff member, who signs in with the temporary password and must choose a new one", async ({ page, browser }) => {
    await signIn(page, demoAccount("ADMIN"));
    await navLink(page, "設定").click();
    await page.getByRole("link", { name: "職員の管理" }).click();
    await page.getByRole("link", { name: "職員を追加する" }).click();

    // Submitting without a role keeps what was typed and says what is missing.
    const email = `new-staff-${suffix()}@city-midori.example.jp`;
    await page.getByLabel("氏名").fill("新人 一郎");
    await page.getByLabel("メールアドレス").fill(email);
    await page.getByRole("button", { name: "職員を作成する" }).click();
    await expect(alerts(page).first()).toContainText("入力内容を確認してください");
    await expect(page.getByText("役割を1つ以上選んでください。")).toBeVisible();
    await expect(page.getByLabel("メールアドレス")).toHaveValue(email);

    await page.getByRole("group", { name: /役割/ }).getByLabel("起案者").check();
    await page.getByRole("group", { name: /担当部署/ }).getByLabel("広報広聴課").check();
    await page.getByRole("button", { name: "職員を作成する" }).click();
    await expect(page.getByRole("status").filter({ hasText: "新人 一郎さん" })).toBeVisible();
    const temporaryPassword = (await page.getByLabel("仮パスワード").textContent())!.trim();
    expect(temporaryPassword).toMatch(/^[A-Za-z2-9-]{19}$/);

    const newcomerContext = await browser.newContext();
    const newcomer = await newcomerContext.newPage();
    await signIn(newcomer, { email, password: temporaryPassword }, { expectUrl: /\/staff(\/settings\/password\?required=1)?$/ });
    await newcomer.goto("/staff/broadcasts");
    await expect(newcomer).toHaveURL(/\/staff\/settings\/password\?required=1/);
    await expect(newcomer.getByText("仮パスワードでログインしています")).toBeVisible();
    await newcomer.getByLabel("現在のパスワード").fill(temporaryPassword);
    await newcomer.getByRole("textbox", { name: "新しいパスワード", exact: true }).fill("みどり市の新人-2026-春");
    await newcomer.getByLabel("新しいパスワード（確認）").fill("みどり市の新人-2026-春");
    await newcomer.getByRole("button", { name: "パスワードを変更する" }).click();
    await expect(newcomer.getByRole("status").filter({ hasText: "パスワードを変更しました" })).toBeVisible();
    await navLink(newcomer, "配信").click();
    await expect(newcomer.getByRole("heading", { level: 1, name: "配信" })).toBeVisible();
    await newcomerContext.close();
  });

  test("a password change with a wrong current password or a weak new one is refused with a reason", async ({ page, db }) => {
    const { seedStaff, TEST_PASSWORD } = await import("../../scripts/test/factories.ts");
    const staff = await seedStaff(db, { roles: ["VIEWER"] });
    await signIn(page, { email: staff.email, password: TEST_PASSWORD });
    await page.goto("/staff/settings/password");
    await page.getByLabel("現在のパスワード").fill("not-my-password");
    await page.getByRole("textbox", { name: "新しいパスワード", exact: true }).fill("short");
    await page.getByLabel("新しいパスワード（確認）").fill("short");
    await page.getByRole("button", { name: "パスワードを変更する" }).click();
    await expect(page.getByText("現在のパスワードが正しくありません。")).toBeVisible();
    await page.getByLabel("現在のパスワード").fill(TEST_PASSWORD);
    await page.getByRole("textbox", { name: "新しいパスワード", exact: true }).fill("short");
    await page.getByLabel("新しいパスワード（確認）").fill("short");
    await page.getByRole("button", { name: "パスワードを変更する" }).click();
    await expect(page.getByText("パスワードは12文字以上にしてください。")).toBeVisible();
  });
});
