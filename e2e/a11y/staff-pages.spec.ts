// axe-core (WCAG 2.2 AA rules) on every page of the staff console.
import path from "node:path";
import { test, expect, alerts, signIn, demoAccount, expectNoA11yViolations } from "../support/fixtures.ts";
import { STAFF_PAGES } from "../../lib/auth/staff-routes.ts";

// The page checks only read: they share one administrator session per worker (signed in once), and
// run in parallel across workers.
const asAdmin = test.extend<object, { adminStorageState: string }>({
  adminStorageState: [
    async ({ browser }, use, workerInfo) => {
      const file = path.join(workerInfo.project.outputDir, `.a11y-admin-${workerInfo.workerIndex}.json`);
      const page = await browser.newPage({ baseURL: workerInfo.project.use.baseURL });
      await signIn(page, demoAccount("ADMIN"));
      await page.context().storageState({ path: file });
      await page.context().close();
      await use(file);
    },
    { scope: "worker" },
  ],
  storageState: ({ adminStorageState }, use) => use(adminStorageState),
});

asAdmin.describe("[A11Y] staff console pages", () => {
  asAdmin.describe.configure({ mode: "parallel" });
  for (const entry of STAFF_PAGES.filter((p) => p.kind !== "route")) {
    asAdmin(`${entry.path} as an administrator`, async ({ page, db }) => {
      const someStaff = await db.staff.findFirstOrThrow({ where: { roles: { has: "EDITOR" } } });
      await page.goto(entry.path.replace("[id]", someStaff.id));
      await expect(page).not.toHaveURL(/\/staff\/login/);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoA11yViolations(page);
    });
  }
});

test.describe("[A11Y] staff console", () => {
  test("the login page, also with an error shown", async ({ page }) => {
    await page.goto("/staff/login");
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect(alerts(page)).toBeVisible();
    await expectNoA11yViolations(page);
  });

  test("the forbidden page", async ({ page }) => {
    await signIn(page, demoAccount("VIEWER"));
    const response = await page.goto("/staff/audit");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "この操作を行う権限がありません" })).toBeVisible();
    await expectNoA11yViolations(page);
  });

  test("keyboard: the skip link leads to the main content and focus is visible", async ({ page }) => {
    await signIn(page, demoAccount("ADMIN"));
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "本文へ移動" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();
  });
});
