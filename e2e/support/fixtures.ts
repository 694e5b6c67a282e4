// Fixtures: `db` (Prisma on the e2e database), `signIn(page, account)`, and the demo accounts.
import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { createDb, type Db } from "../../lib/db.ts";
import { DEMO_STAFF } from "../../lib/demo/demo-city.ts";
import type { StaffRole } from "../../generated/prisma/enums.ts";
import { lineEmulatorClient, type LineEmulatorClient } from "./line-emulator.ts";

export type Account = { email: string; password: string };

export function demoAccount(role: StaffRole): Account {
  const staff = DEMO_STAFF.find((s) => s.roles.includes(role));
  if (!staff) throw new Error(`no demo account for ${role}`);
  return { email: staff.email, password: staff.password };
}

export async function signIn(page: Page, account: Account, options: { expectUrl?: RegExp } = {}) {
  await page.goto("/staff/login");
  await page.getByLabel("メールアドレス").fill(account.email);
  await page.getByLabel("パスワード").fill(account.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await expect(page).toHaveURL(options.expectUrl ?? /\/staff$/);
}

/** The page's own alerts (Next's route announcer also has role="alert"). */
export function alerts(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}

/** A link of the staff console's main navigation. */
export function navLink(page: Page, name: string) {
  return page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name, exact: true });
}

export async function expectNoA11yViolations(page: Page) {
  // Legacy mode runs axe in the page itself (no extra page for frames; Kairan's pages have none):
  // about three times faster on these 2-core machines.
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .setLegacyMode(true)
    .analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export const test = base.extend<{ db: Db; lineEmulator: LineEmulatorClient }>({
  // eslint-disable-next-line no-empty-pattern
  db: async ({}, use) => {
    const db = createDb(process.env.E2E_DATABASE_URL!, { poolSize: 2 });
    await use(db);
    await db.$disconnect();
  },
  // eslint-disable-next-line no-empty-pattern
  lineEmulator: async ({}, use) => {
    await use(lineEmulatorClient());
  },
});

export { expect };
