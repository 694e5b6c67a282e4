// The registration LIFF page, opened the way a resident opens it in LINE (here the emulator's phone
// view hands a real, verifiable ID token to @line/liff-mock): consent, register, change, withdraw.
// The LIFF APIs answer 401 in Japanese without a valid token.
import { test, expect, expectNoA11yViolations } from "../support/fixtures.ts";
import type { Page } from "@playwright/test";
import { DEMO_CHANNEL } from "../../emulator/demo-channel.ts";
import { syntheticLineUserId } from "../../lib/demo/synthetic-residents.ts";
import { TERMS_VERSION } from "../../lib/registration/terms.ts";

const LIFF_ID = DEMO_CHANNEL.liffIds[0]!;

function notice(page: Page, text: string | RegExp) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__), [role="status"]').filter({ hasText: text });
}

test.describe("[LIFF] resident registration", () => {
  test("[LIFF] a resident consents, registers, changes their language and withdraws", async ({ page, db, lineEmulator }) => {
    // Resident 33 of the demo city: a friend who has not registered (n % 20 ≥ 13, n % 37 ≠ 0).
    const lineUserId = syntheticLineUserId(33);
    await db.resident.update({ where: { lineUserId }, data: { registeredAt: null, districtId: null, consentVersion: null, topics: [], childBirthMonths: [] } });
    const district = await db.district.findFirstOrThrow({ orderBy: { sortOrder: "asc" }, skip: 3 });

    await page.goto(`${lineEmulator.url}/__emulator/liff/open?userId=${lineUserId}&url=${encodeURIComponent(`https://liff.line.me/${LIFF_ID}/register`)}`);
    await expect(page).toHaveURL(/\/liff\/register$/); // the tokens in the fragment were taken and removed
    await expect(page.getByRole("heading", { level: 1, name: "登録内容の確認・変更" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /利用規約・個人情報の取り扱い/ })).toBeVisible();
    await expectNoA11yViolations(page);

    // Without consent nothing is saved.
    await page.getByLabel("お住まいの地区").selectOption(String(district.id));
    await page.getByRole("button", { name: "登録する" }).click();
    await expect(page.getByText("利用規約と個人情報の取り扱いに同意してください")).toBeVisible();
    expect((await db.resident.findUniqueOrThrow({ where: { lineUserId } })).registeredAt).toBeNull();

    await page.getByLabel("利用規約と個人情報の取り扱いに同意する").check();
    await page.getByLabel("生年月（任意）").fill("1988-06");
    await page.getByLabel("回答しない").check();
    // Not English: the broadcast spec, running in parallel, targets English speakers.
    await page.getByLabel("한국어").check();
    await page.getByLabel("子育て").check();
    await page.getByLabel("防災", { exact: true }).check();
    await page.getByRole("button", { name: "お子さまを追加" }).click();
    await page.getByLabel("お子さま 1 の生年月").fill("2024-05");
    await page.getByRole("button", { name: "登録する" }).click();
    await expect(notice(page, "登録しました。")).toBeVisible();

    const registered = await db.resident.findUniqueOrThrow({ where: { lineUserId } });
    expect(registered).toMatchObject({
      districtId: district.id,
      birthYear: 1988,
      birthMonth: 6,
      gender: "UNANSWERED",
      preferredLanguage: "ko",
      consentVersion: TERMS_VERSION,
      childBirthMonths: [2024 * 12 + 4],
      disasterDistrictIds: [district.id],
    });
    expect(registered.registeredAt).not.toBeNull();
    expect(new Set(registered.topics)).toEqual(new Set(["kosodate", "bousai"]));
    expect(registered.disasterCategories.length).toBe(6);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: registered.id, action: "registration.register" } });
    expect(JSON.stringify(audit.summary)).not.toContain("1988");

    // Editable later: the form shows what was saved.
    await page.reload();
    await expect(page.getByLabel("한국어")).toBeChecked();
    await page.getByLabel("日本語", { exact: true }).check();
    await page.getByRole("button", { name: "変更を保存する" }).click();
    await expect(notice(page, "変更を保存しました。")).toBeVisible();
    expect((await db.resident.findUniqueOrThrow({ where: { lineUserId } })).preferredLanguage).toBe("ja");

    // Withdraw consent and delete the registration.
    await page.getByRole("button", { name: "登録を削除する" }).click();
    await page.getByRole("button", { name: "削除する", exact: true }).click();
    await expect(notice(page, "登録を削除し、同意を取り消しました。")).toBeVisible();
    const withdrawn = await db.resident.findUniqueOrThrow({ where: { lineUserId } });
    expect(withdrawn).toMatchObject({ registeredAt: null, districtId: null, birthYear: null, consentVersion: null, topics: [], childBirthMonths: [] });
    expect(withdrawn.followStatus).toBe("FOLLOWING");
  });

  test("[LIFF] the LIFF APIs refuse requests without a verified LINE ID token (401, in Japanese)", async ({ request, lineEmulator }) => {
    const none = await request.get("/api/liff/registration");
    expect(none.status()).toBe(401);
    expect((await none.json()).message).toMatch(/LINE アプリからこのページを開き直してください/);
    const forged = await request.get("/api/liff/registration", { headers: { authorization: "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJVMDAwIn0.c2ln" } });
    expect(forged.status()).toBe(401);
    expect((await forged.json()).message).toMatch(/LINEのログイン情報を確認できませんでした/);
    // A real token from the LINE Platform (the emulator) is accepted.
    const tokens = await lineEmulator.call<{ idToken: string }>("POST", "/liff/token", { userId: syntheticLineUserId(34) });
    const ok = await request.get("/api/liff/registration", { headers: { authorization: `Bearer ${tokens.idToken}` } });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).registration.termsVersion).toBe(TERMS_VERSION);
    // …but not an expired one.
    const expired = await lineEmulator.call<{ idToken: string }>("POST", "/liff/token", { userId: syntheticLineUserId(34), expired: true });
    expect((await request.get("/api/liff/registration", { headers: { authorization: `Bearer ${expired.idToken}` } })).status()).toBe(401);
  });

  test("[LIFF] outside LINE the page says to open it from LINE", async ({ page }) => {
    await page.goto("/liff/register");
    await expect(notice(page, "このページは LINE アプリから開いてください。")).toBeVisible();
    await expectNoA11yViolations(page);
  });
});
