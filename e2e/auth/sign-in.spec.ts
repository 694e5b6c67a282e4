import { test, expect, alerts, navLink, signIn, demoAccount } from "../support/fixtures.ts";
import { seedStaff, TEST_PASSWORD, suffix } from "../../scripts/test/factories.ts";

test.describe("[AUTH] staff sign-in", () => {
  test("an editor signs in, sees only the sections of the role, and signs out", async ({ page }) => {
    await signIn(page, demoAccount("EDITOR"));
    await expect(page.getByRole("heading", { level: 1, name: "ダッシュボード" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "メインメニュー" });
    await expect(nav.getByRole("link", { name: "配信" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "監査ログ" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "申請" })).toHaveCount(0);

    const cookiesBefore = await page.context().cookies();
    await page.getByRole("button", { name: "ログアウト" }).click();
    await expect(page).toHaveURL(/\/staff\/login\?reason=signed-out/);
    await expect(page.getByText("ログアウトしました。")).toBeVisible();
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/staff\/login/);

    // The old cookie is worthless: the session ended on the server, not only in this browser.
    await page.context().addCookies(cookiesBefore);
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/staff\/login/);
  });

  test("a wrong password and an unknown address get the same message", async ({ page }) => {
    await page.goto("/staff/login");
    await page.getByLabel("メールアドレス").fill(demoAccount("VIEWER").email);
    await page.getByLabel("パスワード").fill("wrong-password");
    await page.getByRole("button", { name: "ログイン" }).click();
    const alert = alerts(page);
    await expect(alert).toContainText("メールアドレスまたはパスワードが正しくありません");
    const wrongPasswordText = await alert.textContent();

    await page.getByLabel("メールアドレス").fill(`nobody-${suffix()}@example.jp`);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(alerts(page)).toHaveText(wrongPasswordText!);
  });

  test("five failures lock the address for a while, even for the right password and for unknown addresses", async ({ page, db }) => {
    const staff = await seedStaff(db, { roles: ["VIEWER"] });
    await page.goto("/staff/login");
    await page.getByLabel("メールアドレス").fill(staff.email);
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel("パスワード").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "ログイン" }).click();
      await expect(alerts(page)).toContainText(i < 5 ? "正しくありません" : "一時的に停止");
    }
    await page.getByLabel("パスワード").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(alerts(page)).toContainText("15分ほど待ってから");
    await expect(page).toHaveURL(/\/staff\/login/);

    const ghost = `ghost-${suffix()}@example.jp`;
    await page.getByLabel("メールアドレス").fill(ghost);
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel("パスワード").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "ログイン" }).click();
      await expect(alerts(page)).toContainText(i < 5 ? "正しくありません" : "一時的に停止");
    }
  });

  test("an idle session ends: the next page asks to sign in again and says why", async ({ page, db }) => {
    const staff = await seedStaff(db, { roles: ["VIEWER"] });
    await signIn(page, { email: staff.email, password: TEST_PASSWORD });
    await db.$executeRaw`update staff_session set last_seen_at = now() - interval '8 hours 1 minute' where staff_id = ${staff.id}::uuid`;
    await navLink(page, "配信").click();
    await expect(page).toHaveURL(/\/staff\/login\?reason=idle/);
    await expect(page.getByText("一定時間操作がなかったため、ログアウトしました。")).toBeVisible();
    expect(await db.auditLog.count({ where: { action: "auth.session-expired", actorId: staff.id } })).toBe(1);
  });

  test("a deactivated staff member loses access on their next request", async ({ page, browser, db }) => {
    const staff = await seedStaff(db, { roles: ["EDITOR"], name: `無効化 テスト${suffix()}` });
    await signIn(page, { email: staff.email, password: TEST_PASSWORD });

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, demoAccount("ADMIN"));
    await admin.goto(`/staff/settings/staff/${staff.id}`);
    await admin.getByRole("button", { name: "無効にする" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "無効にする" }).click();
    await expect(admin.getByRole("status")).toContainText("アカウントを無効にしました");
    await adminContext.close();

    await navLink(page, "配信").click();
    await expect(page).toHaveURL(/\/staff\/login/);
    await page.getByLabel("メールアドレス").fill(staff.email);
    await page.getByLabel("パスワード").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(alerts(page)).toContainText("正しくありません");
  });
});
