// Nursery search end to end on the demo city's nurseries (lib/seed/seed-demo-garbage-nursery.ts): the
// LIFF page from the current location for a 1-year-old with 延長保育, the map when its tiles cannot
// load, a facility's page; a location in the chat; staff updating vacancies.
import { test, expect, signIn, demoAccount, expectNoA11yViolations } from "../support/fixtures.ts";
import { DEMO_CHANNEL } from "../../emulator/demo-channel.ts";
import { DEMO_CITY_CENTRE } from "../../lib/seed/seed-demo-garbage-nursery.ts";
import { suffix } from "../../scripts/test/factories.ts";

const LIFF_ID = DEMO_CHANNEL.liffIds[0]!;

/** Next April, and a birth month that makes the child a 1-year-old (1歳児, 14 months) then. */
function nextAprilForOneYearOld(): { start: string; birth: string } {
  const now = new Date(Date.now() + 9 * 3_600_000);
  const year = now.getUTCMonth() >= 3 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  return { start: `${year}-04`, birth: `${year - 1}-02` };
}

test.describe("[NURSERY] nursery search", () => {
  test("[NURSERY] in the LIFF page a resident searches near their location for a 1-year-old with 延長保育 and sees the right ones in distance order", async ({ browser, lineEmulator }) => {
    const context = await browser.newContext({ geolocation: DEMO_CITY_CENTRE, permissions: ["geolocation"], locale: "ja-JP", timezoneId: "Asia/Tokyo" });
    const page = await context.newPage();
    // No tiles here (the only outside fetch the page makes): the page must work without them.
    await page.route("https://cyberjapandata.gsi.go.jp/**", (route) => route.abort());
    const { resident } = await lineEmulator.call<{ resident: { userId: string } }>("POST", "/residents", { displayName: `保育 さがす${suffix()}` });
    await page.goto(`${lineEmulator.url}/__emulator/liff/open?userId=${resident.userId}&url=${encodeURIComponent(`https://liff.line.me/${LIFF_ID}/nursery`)}`);
    await expect(page.getByRole("heading", { level: 1, name: "保育施設をさがす" })).toBeVisible();
    await expectNoA11yViolations(page);

    await page.getByLabel("現在地の近く").check();
    await page.getByRole("button", { name: "現在地を使う" }).click();
    await expect(page.getByText("現在地を取得しました。")).toBeVisible();
    const { start, birth } = nextAprilForOneYearOld();
    await page.getByLabel("お子さまの生まれた年月").fill(birth);
    await page.getByLabel("入園を希望する月").fill(start);
    await page.getByLabel("延長保育").check();
    await page.getByRole("button", { name: "この条件で探す" }).click();

    const results = page.getByRole("list", { name: "見つかった保育施設（近い順）" });
    await expect(page.getByText("7件見つかりました。")).toBeVisible();
    await expect(page.getByText(/1歳児・1歳2か月/)).toBeVisible();
    const names = await results.getByRole("link").allTextContents();
    // Nearest first; 小規模 without 延長保育 (ちいさなおうち) and those from 3 years (若葉台, 東山, さくら) are not shown.
    expect(names).toEqual([
      "みどり市立 本町保育園",
      "駅前ひだまり保育園",
      "こども園 みどりの森",
      "ほしぞら夜間保育所",
      "川端なかよし保育園",
      "みどり総合病院 院内保育所",
      "なかす保育園",
    ]);
    await expect(results.getByRole("listitem").first()).toContainText("290 m");
    await expect(results.getByRole("listitem").first()).toContainText("1歳児空きあり");

    await page.getByRole("button", { name: "地図で見る" }).click();
    await expect(page.getByRole("region", { name: "見つかった保育施設の地図" })).toBeVisible();
    await expect(page.getByText("地図の画像を読み込めませんでした")).toBeVisible();
    await expectNoA11yViolations(page);

    await results.getByRole("link", { name: "こども園 みどりの森" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "こども園 みどりの森" })).toBeVisible();
    await expect(page.getByRole("link", { name: /電話する/ })).toHaveAttribute("href", /^tel:0000111\d{3}$/);
    await expect(page.getByText("延長保育・一時保育")).toBeVisible();
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: "探した結果に戻る" }).click();
    await expect(results.getByRole("link")).toHaveCount(7);
    await context.close();
  });

  test("[NURSERY] a location sent in the chat is answered with the nearest nurseries", async ({ browser, lineEmulator }) => {
    const { resident } = await lineEmulator.call<{ resident: { userId: string } }>("POST", "/residents", { displayName: `位置 おくる${suffix()}` });
    await lineEmulator.call("POST", `/residents/${resident.userId}/messages`, { type: "location", ...DEMO_CITY_CENTRE, title: "自宅付近", address: "みどり市本町" });
    const phone = await (await browser.newContext()).newPage();
    await phone.goto(`${lineEmulator.url}/?userId=${resident.userId}`);
    const talk = phone.getByRole("log", { name: "トーク" });
    await expect(talk).toContainText("みどり市立 本町保育園", { timeout: 20_000 });
    await expect(talk).toContainText("送っていただいた場所から近い順です");
  });

  test("[NURSERY] staff update the month's vacancies, saved and audited", async ({ page, db }) => {
    await signIn(page, demoAccount("EDITOR"));
    await page.goto("/staff/content/nurseries/vacancies?q=ちいさなおうち");
    await expect(page.getByRole("heading", { level: 1, name: "空き状況の更新" })).toBeVisible();
    await page.getByLabel("ちいさなおうち保育室 1歳児の空き").selectOption({ label: "空きなし" });
    await page.getByRole("button", { name: "この画面の空き状況を保存する" }).click();
    await expect(page.getByText(/時点の空き状況を保存しました/)).toBeVisible();
    await expectNoA11yViolations(page);
    const facility = await db.nurseryFacility.findFirstOrThrow({ where: { name: "ちいさなおうち保育室" }, include: { vacancies: true } });
    expect(facility.vacancies.find((v) => v.ageClass === 1)?.status).toBe("NONE");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "nursery.vacancy.update" }, orderBy: { at: "desc" } });
    expect(JSON.stringify(audit.summary)).toContain("ちいさなおうち保育室");
  });
});
