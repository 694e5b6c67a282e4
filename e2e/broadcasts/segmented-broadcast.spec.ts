// Segmented broadcasts end to end: an editor builds a segment and composes a Japanese + English notice,
// an approver (not the author) approves it, the worker sends it; the LINE emulator's record shows
// that exactly the segment's residents received it once, each in their language, blocked ones none.
import { test, expect, signIn, demoAccount, expectNoA11yViolations } from "../support/fixtures.ts";
import type { Page } from "@playwright/test";
import type { Db } from "../../lib/db.ts";
import { DEMO_CHANNEL } from "../../emulator/demo-channel.ts";
import { syntheticLineUserId } from "../../lib/demo/synthetic-residents.ts";
import type { LineEmulatorClient } from "../support/line-emulator.ts";

type Row = { userId: string; delivered: boolean; retryKey: string | null; messages: { type: string; text?: string }[]; sentMessages?: unknown; endpoint: string };

async function multicastRowsFor(lineEmulator: LineEmulatorClient, db: Db, broadcastId: string): Promise<Row[]> {
  const keys = new Set((await db.deliveryBatch.findMany({ where: { run: { broadcastId } }, select: { retryKey: true } })).map((b) => b.retryKey));
  const { messages } = await lineEmulator.call<{ messages: Row[] }>("GET", "/messages?endpoint=multicast&limit=100000");
  return messages.filter((m) => m.retryKey !== null && keys.has(m.retryKey));
}

/** The page's own announcements (role alert for errors, status for successes). */
function notice(page: Page, text: string | RegExp) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__), [role="status"]').filter({ hasText: text });
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "ログアウト" }).click();
  await expect(page).toHaveURL(/\/staff\/login/);
}

test.describe("[BROADCASTS] segmented broadcasts", () => {
  test("[BROADCASTS] an editor composes a Japanese + English notice for a segment, an approver approves, it sends", async ({ page, db, lineEmulator }) => {
    test.setTimeout(120_000);
    const districts = await db.district.findMany({ orderBy: { sortOrder: "asc" }, take: 2 });
    const expected = await db.$queryRawUnsafe<{ line_user_id: string; preferred_language: string }[]>(
      `select line_user_id, preferred_language from resident where follow_status = 'FOLLOWING' and (district_id = any($1::int[]) or preferred_language = 'en')`,
      districts.map((d) => d.id),
    );
    const englishSpeakers = expected.filter((r) => r.preferred_language === "en").length;
    expect(englishSpeakers).toBeGreaterThan(0);
    const segmentName = `北部と英語話者 ${Date.now()}`;

    // ── the editor builds the segment and watches the count
    await signIn(page, demoAccount("EDITOR"));
    await page.goto("/staff/segments/new");
    await page.getByLabel("セグメント名").fill(segmentName);
    await page.getByRole("button", { name: "グループを追加" }).click();
    const group1 = page.getByRole("group", { name: "グループ 1" });
    for (const district of districts) await group1.getByLabel(new RegExp(`^${district.name}（`)).first().check();
    await page.getByRole("button", { name: "グループを追加" }).click();
    const group2 = page.getByRole("group", { name: "グループ 2" });
    await group2.getByLabel("追加する条件").selectOption({ label: "言語" });
    await group2.getByRole("button", { name: /^条件を追加/ }).click();
    await group2.getByRole("group", { name: "地区", exact: true }).getByRole("button", { name: "この条件を削除" }).click();
    await group2.getByLabel("English").check();
    await page.getByLabel("いずれかのグループに当てはまる（OR）").check();
    await expect(page.getByTestId("segment-count")).toHaveText(`${expected.length.toLocaleString("ja-JP")}人`);
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "セグメントを保存する" }).click();
    await expect(notice(page, "セグメントを保存しました。")).toBeVisible();

    // ── the composer: Japanese (required) and English, the phone preview of each
    await page.goto("/staff/broadcasts/new");
    await page.getByLabel("件名（管理用）").fill("e2e 北部のお知らせ");
    await page.getByLabel("配信先").selectOption({ label: `セグメント：${segmentName}` });
    await expect(page.getByTestId("target-count")).toHaveText(`${expected.length.toLocaleString("ja-JP")}人`);
    await page.getByLabel("本文").fill("【みどり市】北部の道路工事のお知らせです。🚧");
    await expect(page.getByRole("figure", { name: /みどり市のプレビュー/ })).toContainText("北部の道路工事のお知らせです");
    await page.getByLabel("言語を追加").selectOption({ label: "英語" });
    await page.getByRole("button", { name: "追加", exact: true }).click();
    await expect(page.getByRole("heading", { name: /英語のメッセージ/ })).toBeVisible();
    await page.getByLabel("本文").fill("[Midori City] Road works in the north.");
    await expect(page.getByRole("figure", { name: /みどり市のプレビュー/ })).toContainText("Road works in the north.");
    // Deterministic whatever the hour: quiet hours are covered by the integration tests.
    await page.getByLabel(/配信停止時間帯（.*）でも送る/).check();
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "下書きを保存する" }).click();
    await expect(page).toHaveURL(/\/staff\/broadcasts\/[0-9a-f-]{36}\?saved=1$/);
    const broadcastId = /broadcasts\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await expect(page.getByTestId("recipient-count")).toHaveText(`${expected.length.toLocaleString("ja-JP")}人`);
    await page.getByRole("button", { name: "承認を依頼する" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "承認を依頼する" }).click();
    await expect(notice(page, "承認を依頼しました")).toBeVisible();
    // The author cannot approve (and has no button for it).
    await expect(page.getByRole("button", { name: "承認する" })).toHaveCount(0);
    await signOut(page);

    // ── the approver sees the exact count and both previews, and approves
    await signIn(page, demoAccount("APPROVER"));
    await page.goto(`/staff/broadcasts/${broadcastId}`);
    await expect(page.getByRole("heading", { level: 1, name: "e2e 北部のお知らせ" })).toBeVisible();
    await expect(page.getByTestId("recipient-count")).toHaveText(`${expected.length.toLocaleString("ja-JP")}人`);
    await expect(page.getByRole("figure", { name: "みどり市（日本語）のプレビュー（1通）" })).toContainText("北部の道路工事");
    await expect(page.getByRole("figure", { name: "みどり市（英語）のプレビュー（1通）" })).toContainText("Road works in the north.");
    await expectNoA11yViolations(page);
    await page.getByRole("button", { name: "承認する" }).click();
    await expect(page.getByRole("dialog")).toContainText(`${expected.length.toLocaleString("ja-JP")}人`);
    await page.getByRole("dialog").getByRole("button", { name: "承認する" }).click();
    await expect(notice(page, "承認しました")).toContainText("配信を開始しました");
    await expect(page.getByText("配信済み", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("progress-sent")).toHaveText(`${expected.length.toLocaleString("ja-JP")}人`);

    // ── LINE's record: exactly the segment, once each, in their language; blocked residents none
    const rows = await multicastRowsFor(lineEmulator, db, broadcastId);
    expect(rows.length).toBe(expected.length);
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    expect(byUser.size).toBe(expected.length);
    for (const resident of expected) {
      const text = byUser.get(resident.line_user_id)?.messages[0]?.text;
      expect(text, resident.line_user_id).toBe(resident.preferred_language === "en" ? "[Midori City] Road works in the north." : "【みどり市】北部の道路工事のお知らせです。🚧");
    }
    const blocked = await db.resident.findMany({ where: { followStatus: "BLOCKED" }, select: { lineUserId: true } });
    expect(blocked.filter((b) => byUser.has(b.lineUserId))).toEqual([]);
    const broadcast = await db.broadcast.findUniqueOrThrow({ where: { id: broadcastId }, include: { runs: true } });
    expect(broadcast.status).toBe("SENT");
    expect(broadcast.runs.map((r) => r.status)).toEqual(["SENT"]);
    const audit = await db.auditLog.findMany({ where: { targetType: "broadcast", targetId: broadcastId }, orderBy: { id: "asc" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["broadcast.create", "broadcast.submit", "broadcast.approve", "broadcast.send", "broadcast.delivered"]);
  });

  test("[BROADCASTS] an approver returns a draft with a comment; the author sees it and may edit again", async ({ page, db }) => {
    const editor = await db.staff.findFirstOrThrow({ where: { email: demoAccount("EDITOR").email } });
    const draft = await db.broadcast.create({
      data: {
        title: `e2e 差し戻し ${Date.now()}`,
        status: "PENDING_APPROVAL",
        submittedAt: new Date(),
        createdById: editor.id,
        content: { variants: { ja: [{ type: "text", text: "確認してください。" }] } },
      },
    });
    await signIn(page, demoAccount("APPROVER"));
    await page.goto(`/staff/broadcasts/${draft.id}`);
    await page.getByRole("button", { name: "差し戻す" }).click();
    await expect(page.getByText("差し戻しの理由を入力してください")).toBeVisible();
    await page.getByLabel("差し戻しの理由").fill("日付が抜けています。");
    await page.getByRole("button", { name: "差し戻す" }).click();
    await expect(notice(page, "差し戻しました。")).toBeVisible();
    await signOut(page);
    await signIn(page, demoAccount("EDITOR"));
    await page.goto(`/staff/broadcasts/${draft.id}`);
    await expect(page.getByText("日付が抜けています。")).toBeVisible();
    await expect(page.getByRole("link", { name: "編集する" })).toBeVisible();
  });

  test("[BROADCASTS] 防災担当 sends an emergency alert without a second person; it is marked and audited", async ({ page, db, lineEmulator }) => {
    const bousai = await db.staff.findFirstOrThrow({ where: { email: demoAccount("DISASTER").email } });
    const district = await db.district.findFirstOrThrow({ orderBy: { sortOrder: "asc" } });
    const alert = await db.broadcast.create({
      data: {
        title: `e2e 避難指示 ${Date.now()}`,
        createdById: bousai.id,
        emergency: true,
        content: {
          variants: {
            ja: [{ type: "flex", template: "disaster", level: "警戒レベル4 避難指示", title: "避難指示を出しました", area: district.name, body: "すぐに避難してください。", button: { kind: "none" } }],
          },
        },
      },
    });
    // Other specs run in parallel and may add or block a friend while this alert is being sent, so the
    // exact expectation is: everyone following both before and after got it, nobody outside those got it,
    // and nobody got it twice.
    const following = async () =>
      new Set((await db.resident.findMany({ where: { followStatus: "FOLLOWING" }, select: { lineUserId: true } })).map((r) => r.lineUserId));
    const before = await following();
    await signIn(page, demoAccount("DISASTER"));
    await page.goto(`/staff/broadcasts/${alert.id}`);
    await page.getByRole("button", { name: "承認なしで緊急配信する" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "緊急配信を送る" }).click();
    await expect(notice(page, "緊急配信を送りました")).toBeVisible();
    await expect(page.getByText("防災担当による承認なしの配信")).toBeVisible();
    await expect(page.getByText("配信済み", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
    const after = await following();
    const received = (await multicastRowsFor(lineEmulator, db, alert.id)).map((r) => r.userId);
    expect(new Set(received).size).toBe(received.length);
    const receivedSet = new Set(received);
    expect([...before].filter((id) => after.has(id) && !receivedSet.has(id))).toEqual([]);
    expect(received.filter((id) => !before.has(id) && !after.has(id))).toEqual([]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: alert.id, action: "broadcast.send-emergency" } });
    expect(audit.actorId).toBe(bousai.id);
  });

  test("[BROADCASTS] a staff member links their LINE account and receives a test send", async ({ page, db, lineEmulator }) => {
    const testerLineId = syntheticLineUserId(21);
    await signIn(page, demoAccount("EDITOR"));
    await page.goto("/staff/broadcasts/testers");
    await page.getByRole("button", { name: /LINE アカウントを登録/ }).click();
    const url = await page.locator("output[aria-label='登録用のリンク']").textContent();
    expect(url).toMatch(new RegExp(`^https://liff\\.line\\.me/${DEMO_CHANNEL.liffIds[0]}/tester\\?code=`));

    // On the staff member's phone: the LIFF link opens in LINE (here: the emulator's handoff).
    const phone = await page.context().newPage();
    await phone.goto(`${lineEmulator.url}/__emulator/liff/open?userId=${testerLineId}&url=${encodeURIComponent(url!)}`);
    await phone.getByRole("button", { name: "テスト送信先として登録する" }).click();
    await expect(phone.getByText(/テスト送信先として、この LINE アカウントを登録しました/)).toBeVisible();
    await expectNoA11yViolations(phone);
    await phone.close();

    const editor = await db.staff.findFirstOrThrow({ where: { email: demoAccount("EDITOR").email } });
    const draft = await db.broadcast.create({
      data: { title: `e2e テスト送信 ${Date.now()}`, createdById: editor.id, content: { variants: { ja: [{ type: "text", text: "テスト送信の本文です。" }] } } },
    });
    await page.goto(`/staff/broadcasts/${draft.id}`);
    await page.getByRole("button", { name: "テスト送信" }).click();
    await expect(notice(page, "テスト送信しました")).toBeVisible();
    const { messages } = await lineEmulator.call<{ messages: Row[] }>("GET", `/messages?endpoint=push&userId=${testerLineId}`);
    expect(messages.some((m) => m.messages[0]?.text === "テスト送信の本文です。")).toBe(true);
    // Nobody else received it.
    expect(await db.deliveryRun.count({ where: { broadcastId: draft.id } })).toBe(0);
  });
});
