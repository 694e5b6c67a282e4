// The chat against the LINE emulator, end to end: the app's webhook, the worker, the staff console
// and the emulator's phone view. One serial file: rich menus and disaster mode are shared state.
import type { Page } from "@playwright/test";
import { test, expect, alerts, signIn, demoAccount, expectNoA11yViolations } from "../support/fixtures.ts";
import type { LineEmulatorClient } from "../support/line-emulator.ts";
import { syntheticLineUserId } from "../../lib/demo/synthetic-residents.ts";
import { suffix } from "../../scripts/test/factories.ts";

test.describe.configure({ mode: "serial" });

type Conversation = { outgoing: { endpoint: string; messages: { type: string; text?: string; altText?: string }[] }[] };
type RichMenuView = { richMenu: { richMenuId: string; name: string } | null };

async function texts(lineEmulator: LineEmulatorClient, userId: string): Promise<string[]> {
  const conversation = await lineEmulator.call<Conversation>("GET", `/residents/${userId}/conversation`);
  return conversation.outgoing.flatMap((o) => o.messages.map((m) => m.text ?? m.altText ?? m.type));
}

async function menuName(lineEmulator: LineEmulatorClient, userId: string): Promise<string | null> {
  return (await lineEmulator.call<RichMenuView>("GET", `/residents/${userId}/richmenu`)).richMenu?.name ?? null;
}

async function publish(page: Page, name: string) {
  await page.goto("/staff/content/rich-menus");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name: `リッチメニュー：${name}` })).toBeVisible();
  await page.getByRole("button", { name: "LINE に公開する" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "LINE に公開する" }).click();
  await expect(page.getByRole("status").filter({ hasText: "LINE に公開しました" })).toBeVisible();
}

// Demo residents: synthetic resident 1 is registered, 3 is not (lib/seed/seed-residents.ts: n % 20 < 13).
const REGISTERED = syntheticLineUserId(1);
const UNREGISTERED = syntheticLineUserId(15);

test.describe("[CHAT] the LINE chat", () => {
  test("[CHAT] an editor publishes the rich menus and sets the default; every friend gets the menu that fits them", async ({ page, lineEmulator }) => {
    test.slow(); // three publications and a relinking of every friend
    await signIn(page, demoAccount("EDITOR"));
    await publish(page, "はじめての方向けメニュー");
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "既定のメニューにする" }).click();
    await expect(page.getByRole("status").filter({ hasText: "既定のリッチメニューにしました" })).toBeVisible();
    await publish(page, "登録済みの方向けメニュー");
    await publish(page, "災害モード用メニュー");
    await expect.poll(() => menuName(lineEmulator, REGISTERED), { timeout: 30_000 }).toBe("登録済みの方向けメニュー");
    await expect.poll(() => menuName(lineEmulator, UNREGISTERED), { timeout: 30_000 }).toBe("はじめての方向けメニュー");
    await page.goto("/staff/content/rich-menus");
    await expect(page.getByRole("status").filter({ hasText: "最後の切り替え" })).toBeVisible({ timeout: 30_000 });
  });

  test("[CHAT] a resident follows: greeting with the registration button, and the rich menu for new friends", async ({ lineEmulator, db }) => {
    const name = `新規 住民${suffix()}`;
    const { resident } = await lineEmulator.call<{ resident: { userId: string } }>("POST", "/residents", { displayName: name });
    await expect.poll(() => texts(lineEmulator, resident.userId), { timeout: 20_000 }).toEqual(expect.arrayContaining([expect.stringContaining("友だち追加いただき"), expect.stringContaining("住民登録のお願い")]));
    await expect.poll(() => menuName(lineEmulator, resident.userId), { timeout: 20_000 }).toBe("はじめての方向けメニュー");
    const row = await db.resident.findUniqueOrThrow({ where: { lineUserId: resident.userId } });
    expect(row).toMatchObject({ displayName: name, followStatus: "FOLLOWING", registeredAt: null });
  });

  test("[CHAT] a question from the phone reaches the inbox without a reload; the staff reply appears on the phone", async ({ page, browser, lineEmulator }) => {
    const name = `相談 住民${suffix()}`;
    const { resident } = await lineEmulator.call<{ resident: { userId: string } }>("POST", "/residents", { displayName: name });
    await signIn(page, demoAccount("EDITOR"));
    await page.goto("/staff/inbox");

    // The resident types in the emulator's phone view.
    const phoneContext = await browser.newContext();
    const phone = await phoneContext.newPage();
    await phone.goto(`${lineEmulator.url}/?userId=${resident.userId}`);
    const composer = phone.getByPlaceholder("メッセージを入力");
    await expect(composer).toBeEnabled();
    await composer.fill("公園のベンチが壊れています。どこに連絡すればいいですか？");
    await phone.getByRole("button", { name: "送信", exact: true }).click();
    await expect(phone.getByRole("log", { name: "トーク" })).toContainText("お問い合わせありがとうございます", { timeout: 20_000 });

    // It appears in the staff inbox without reloading the page.
    const item = page.getByRole("link", { name: new RegExp(name) });
    await expect(item).toBeVisible({ timeout: 20_000 });
    await expect(item).toContainText("未読");
    await item.click();
    await expect(page.getByRole("heading", { level: 2, name: `${name}さんとの相談` })).toBeVisible();
    await expect(page.getByRole("list", { name: "やり取り" })).toContainText("公園のベンチが壊れています");
    await expectNoA11yViolations(page);

    // The registered attributes are shown on request, and the view is audited.
    await page.getByRole("button", { name: "登録情報を表示する" }).click();
    await expect(page.getByText("住民登録", { exact: true })).toBeVisible();

    await page.getByLabel("定型文から入力").selectOption({ label: "確認します" });
    await expect(page.getByLabel("返信の本文")).toHaveValue(/担当課に確認して/);
    await page.getByLabel("返信の本文").fill("ご連絡ありがとうございます。公園緑地課が本日中に確認します。");
    await page.getByRole("button", { name: "返信を送信する" }).click();
    await expect(page.getByRole("status").filter({ hasText: "返信を送信しました" })).toBeVisible();
    await expect(page.getByRole("list", { name: "やり取り" })).toContainText("送信済み");
    await expect(phone.getByRole("log", { name: "トーク" })).toContainText("公園緑地課が本日中に確認します", { timeout: 20_000 });

    await page.getByLabel("内部メモ").fill("公園緑地課に転送済み");
    await page.getByRole("button", { name: "メモを追加する" }).click();
    await expect(page.getByRole("list", { name: "やり取り" })).toContainText("公園緑地課に転送済み");
    await page.getByRole("button", { name: "対応済みにする" }).click();
    await expect(page.getByRole("status").filter({ hasText: "対応済みにしました" })).toBeVisible();
    await page.goto("/staff/inbox?filter=resolved");
    await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();
    await phoneContext.close();
  });

  test("[CHAT] an auto-reply keyword is answered, and the test box shows which rule fires", async ({ page, lineEmulator }) => {
    await signIn(page, demoAccount("EDITOR"));
    const keyword = `駐輪場${suffix()}`;
    await page.goto("/staff/content/auto-replies/new");
    await page.getByLabel("ルールの名前").fill("駐輪場の案内");
    await page.getByRole("group", { name: /一致のしかた/ }).getByLabel("部分一致").check();
    await page.getByRole("textbox", { name: "キーワード" }).fill(keyword);
    await page.getByLabel("優先順位").fill("1");
    await page.getByRole("button", { name: "保存する" }).click();
    // The reply is missing: nothing typed is lost.
    await expect(alerts(page).first()).toContainText("入力内容を確認してください");
    await expect(page.getByRole("textbox", { name: "キーワード" })).toHaveValue(keyword);
    await page.getByLabel("返信の文章").fill("駅前の市営駐輪場は 24 時間ご利用いただけます。");
    await page.getByRole("button", { name: "保存する" }).click();
    await expect(page.getByRole("status").filter({ hasText: "自動応答を保存しました" })).toBeVisible();

    await page.getByLabel("住民が送る文章").fill(`${keyword}はどこですか`);
    await page.getByRole("button", { name: "調べる" }).click();
    await expect(page.getByText("ルール「駐輪場の案内」が応答します。")).toBeVisible();
    await expect(page.getByRole("figure")).toContainText("24 時間ご利用いただけます");
    await expectNoA11yViolations(page);

    const { resident } = await lineEmulator.call<{ resident: { userId: string } }>("POST", "/residents", { displayName: `自動 応答${suffix()}` });
    await lineEmulator.call("POST", `/residents/${resident.userId}/messages`, { type: "text", text: `${keyword}は？` });
    await expect.poll(() => texts(lineEmulator, resident.userId), { timeout: 20_000 }).toContain("駅前の市営駐輪場は 24 時間ご利用いただけます。");
    // The seeded rule answers with text and a Flex template.
    await lineEmulator.call("POST", `/residents/${resident.userId}/messages`, { type: "text", text: "開庁時間を教えてください" });
    await expect.poll(() => texts(lineEmulator, resident.userId), { timeout: 20_000 }).toContain("みどり市役所のご案内：開庁時間は平日 8:30〜17:15 です。");
  });

  test("[CHAT] unfollow marks the resident blocked (never a delivery target)", async ({ lineEmulator, db }) => {
    const { resident } = await lineEmulator.call<{ resident: { userId: string } }>("POST", "/residents", { displayName: `退会 住民${suffix()}` });
    await expect.poll(async () => (await db.resident.findUnique({ where: { lineUserId: resident.userId } }))?.followStatus, { timeout: 20_000 }).toBe("FOLLOWING");
    await lineEmulator.call("POST", `/residents/${resident.userId}/unfollow`);
    await expect.poll(async () => (await db.resident.findUnique({ where: { lineUserId: resident.userId } }))?.followStatus, { timeout: 20_000 }).toBe("BLOCKED");
  });

  test("[CHAT] disaster mode swaps the menu for every friend, and the second switch restores each resident's menu", async ({ page, lineEmulator }) => {
    await signIn(page, demoAccount("DISASTER"));
    await page.goto("/staff/content/rich-menus");
    await page.getByRole("button", { name: "災害モードを開始する" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "開始する" }).click();
    await expect(page.getByRole("status").filter({ hasText: "災害モードを開始しました" })).toBeVisible();
    for (const userId of [REGISTERED, UNREGISTERED, syntheticLineUserId(1200)]) {
      await expect.poll(() => menuName(lineEmulator, userId), { timeout: 30_000 }).toBe("災害モード用メニュー");
    }
    await page.reload();
    await expect(page.getByRole("heading", { name: "災害モード：実施中" })).toBeVisible();
    await expectNoA11yViolations(page);

    await page.getByRole("button", { name: "災害モードを終了する" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "終了する" }).click();
    await expect(page.getByRole("status").filter({ hasText: "災害モードを終了しました" })).toBeVisible();
    await expect.poll(() => menuName(lineEmulator, REGISTERED), { timeout: 30_000 }).toBe("登録済みの方向けメニュー");
    await expect.poll(() => menuName(lineEmulator, UNREGISTERED), { timeout: 30_000 }).toBe("はじめての方向けメニュー");
  });
});
