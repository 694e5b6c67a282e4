// Garbage sorting end to end on the demo city (みどり市): a resident asks in the emulator's phone view,
// uses the LIFF page, and staff keep the dictionary — turning an unanswered word into a synonym.
import type { Browser, Page } from "@playwright/test";
import { test, expect, alerts, signIn, demoAccount, expectNoA11yViolations } from "../support/fixtures.ts";
import type { LineEmulatorClient } from "../support/line-emulator.ts";
import { DEMO_CHANNEL } from "../../emulator/demo-channel.ts";
import { suffix } from "../../scripts/test/factories.ts";

const LIFF_ID = DEMO_CHANNEL.liffIds[0]!;

async function newResident(lineEmulator: LineEmulatorClient, name: string): Promise<string> {
  const { resident } = await lineEmulator.call<{ resident: { userId: string } }>("POST", "/residents", { displayName: `${name}${suffix()}` });
  return resident.userId;
}

async function openPhone(browser: Browser, lineEmulator: LineEmulatorClient, userId: string): Promise<Page> {
  const phone = await (await browser.newContext()).newPage();
  await phone.goto(`${lineEmulator.url}/?userId=${userId}`);
  await expect(phone.getByPlaceholder("メッセージを入力")).toBeEnabled();
  return phone;
}

async function send(phone: Page, text: string) {
  await phone.getByPlaceholder("メッセージを入力").fill(text);
  await phone.getByRole("button", { name: "送信", exact: true }).click();
}

test.describe("[GARBAGE] garbage sorting", () => {
  test("[GARBAGE] in the phone view a resident types 「ぺっとぼとるのふた」 and gets the card, then the next collection day for their district", async ({ browser, lineEmulator, db }) => {
    const userId = await newResident(lineEmulator, "分別 はじめ");
    const phone = await openPhone(browser, lineEmulator, userId);
    const talk = phone.getByRole("log", { name: "トーク" });
    await send(phone, "ぺっとぼとるのふた");
    await expect(talk).toContainText("プラスチック製容器包装ペットボトルのキャップキャップは外してプラスチック製容器包装の日に出してください", { timeout: 20_000 });
    // The district is not known yet: asked once, by school district and then 町丁目.
    await expect(talk).toContainText("お住まいの小学校区を下から選んでください");
    await phone.getByRole("button", { name: "本町小学校区" }).click();
    await phone.getByRole("button", { name: "本町二丁目" }).click();
    await expect(talk).toContainText("お住まいの地区を「本町・駅前地区」にしました。", { timeout: 20_000 });
    await expect(talk).toContainText("次の収集日（本町・駅前地区）");
    const row = await db.resident.findUniqueOrThrow({ where: { lineUserId: userId }, include: { garbageArea: { include: { area: true } } } });
    expect(row.garbageArea?.area.name).toBe("本町・駅前地区");
  });

  test("[GARBAGE] an ambiguous item gives choices, and the chosen one is answered", async ({ browser, lineEmulator }) => {
    const userId = await newResident(lineEmulator, "選択 ふたば");
    const phone = await openPhone(browser, lineEmulator, userId);
    const talk = phone.getByRole("log", { name: "トーク" });
    await send(phone, "おもちゃ");
    await expect(talk).toContainText("大きさや素材によって出し方が変わります", { timeout: 20_000 });
    await expect(phone.getByRole("button", { name: "おもちゃ（プラスチック製）" })).toBeVisible();
    await phone.getByRole("button", { name: "おもちゃ（金属製・電池で動くもの）" }).click();
    // The card: its category on top, the item and how to put it out.
    await expect(talk).toContainText("燃やさないごみおもちゃ（金属製・電池で動くもの）電池は外して有害ごみへ出してください", { timeout: 20_000 });
  });

  test("[GARBAGE] the LIFF page: search as you type, choose the district, see the calendar and turn on a reminder", async ({ page, db, lineEmulator }) => {
    const userId = await newResident(lineEmulator, "通知 みのる");
    await page.goto(`${lineEmulator.url}/__emulator/liff/open?userId=${userId}&url=${encodeURIComponent(`https://liff.line.me/${LIFF_ID}/garbage`)}`);
    await expect(page.getByRole("heading", { level: 1, name: "ごみの分け方・出し方" })).toBeVisible();
    await page.getByLabel("品目名").fill("すまほ");
    const results = page.getByRole("list", { name: "検索結果" });
    await expect(results).toContainText("携帯電話");
    await expect(results).toContainText("市で収集しないもの");
    await page.getByLabel("品目名").fill("ふとん");
    await expect(page.getByText("大きさや素材によって出し方が変わります（2件）")).toBeVisible();

    await page.getByLabel("町丁目").selectOption({ label: "若葉台一丁目" });
    await page.getByRole("button", { name: "この地区にする" }).click();
    await expect(page.getByText("お住まいの地区を「若葉台地区」にしました。")).toBeVisible();
    await expect(page.getByRole("list", { name: "地区の収集日" })).toContainText("燃やすごみ：毎週 月・木曜日");
    await expect(page.getByRole("region", { name: /の収集日$/ })).toContainText("燃やすごみ");
    await page.getByLabel(/^燃やすごみ/).check();
    await expect(page.getByText("前日の20時にお知らせします。")).toBeVisible();
    await expectNoA11yViolations(page);
    const resident = await db.resident.findUniqueOrThrow({ where: { lineUserId: userId }, include: { garbageReminders: { include: { category: true } } } });
    expect(resident.garbageReminders.map((r) => r.category.name)).toEqual(["燃やすごみ"]);
  });

  test("[GARBAGE] staff add an item and turn an unanswered word into a synonym that the chat then understands", async ({ page, browser, lineEmulator }) => {
    await signIn(page, demoAccount("EDITOR"));
    await page.goto("/staff/content/garbage");
    await expect(page.getByRole("heading", { level: 1, name: "ごみ分別" })).toBeVisible();
    await expectNoA11yViolations(page);

    // A new item; a missing category is reported without losing what was typed.
    await page.goto("/staff/content/garbage/items/new");
    await page.getByLabel("品目名").fill("ホットプレート");
    await page.getByRole("button", { name: "品目を追加する" }).click();
    await expect(alerts(page).first()).toContainText("入力内容を確認してください");
    await expect(page.getByLabel("品目名")).toHaveValue("ホットプレート");
    await page.getByLabel("分別区分").selectOption({ label: "燃やさないごみ" });
    await page.getByLabel("出し方の注意").fill("コードは束ねてください。");
    await page.getByRole("button", { name: "品目を追加する" }).click();
    await expect(page.getByText("品目を保存しました。")).toBeVisible();
    await page.goto("/staff/content/garbage?q=ほっとぷれーと");
    await expect(page.getByRole("region", { name: "検索結果（上ほど近い）" })).toContainText("ホットプレート");

    // 「ガラホ」: asked 4 times and not found → a synonym for 携帯電話.
    await page.goto("/staff/content/garbage/unanswered");
    await expectNoA11yViolations(page);
    const row = page.getByRole("row", { name: /ガラホ/ });
    await row.getByLabel("辞書の品目名").fill("携帯電話");
    await row.getByRole("button", { name: "言い換えにする" }).click();
    await expect(page.getByText("言い換え「ガラホ → 携帯電話」を追加しました。")).toBeVisible();

    const userId = await newResident(lineEmulator, "言い換え さとる");
    const phone = await openPhone(browser, lineEmulator, userId);
    await send(phone, "ガラホ");
    await expect(phone.getByRole("log", { name: "トーク" })).toContainText("市で収集しないもの携帯電話市役所 1 階の小型家電回収ボックス", { timeout: 20_000 });
  });
});
