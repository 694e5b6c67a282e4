// The demo city's chat content: auto-reply rules, a Flex template, reply templates, rich menu
// drafts (unregistered, registered, disaster; staff publish them to LINE from the console, which
// needs the LINE emulator running) and a few conversations in the 相談窓口, so every screen of the
// chat has something to show. Called once by seedDemoCity.
import type { Db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { renderGridPng } from "@/lib/rich-menus/png";
import { RICH_MENU_SIZES, templateBounds } from "@/lib/rich-menus/templates";
import type { StoredArea } from "@/lib/rich-menus/areas";

const GUIDE_FLEX = {
  type: "bubble",
  body: {
    type: "box",
    layout: "vertical",
    contents: [
      { type: "text", text: "みどり市役所のご案内", weight: "bold", size: "lg", wrap: true },
      { type: "text", text: "開庁時間：平日 8:30〜17:15", size: "sm", wrap: true, margin: "md" },
      { type: "text", text: "土日祝日・年末年始はお休みです。", size: "sm", wrap: true, color: "#666666" },
    ],
  },
  footer: { type: "box", layout: "vertical", contents: [{ type: "button", style: "primary", color: "#0031d8", action: { type: "uri", label: "市のホームページ", uri: "https://www.city-midori.example.jp/" } }] },
};

function menu(name: string, audience: "UNREGISTERED" | "REGISTERED" | "DISASTER", chatBarText: string, labels: [string, StoredArea["kind"], string][]) {
  const layout = labels.length === 6 ? "large-6" : "large-4";
  const bounds = templateBounds(layout);
  const areas: StoredArea[] = labels.map(([label, kind, value], i) => ({ label, kind, value, bounds: bounds[i]! }));
  return {
    name,
    audience,
    chatBarText,
    language: null,
    width: RICH_MENU_SIZES.large.width,
    height: RICH_MENU_SIZES.large.height,
    layout,
    areas: areas as unknown as Prisma.InputJsonValue,
    image: new Uint8Array(renderGridPng(RICH_MENU_SIZES.large, bounds)),
    imageContentType: "image/png",
  };
}

export async function seedDemoChat(db: Db): Promise<void> {
  if (await db.autoReplyRule.count()) return;
  const flex = await db.flexTemplate.create({ data: { name: "市役所のご案内", altText: "みどり市役所のご案内：開庁時間は平日 8:30〜17:15 です。", contents: GUIDE_FLEX } });
  await db.autoReplyRule.createMany({
    data: [
      { name: "開庁時間", matchType: "CONTAINS", pattern: "開庁時間\n営業時間\n何時まで", priority: 10, replyText: "みどり市役所の開庁時間は、平日 8:30〜17:15 です。", flexTemplateId: flex.id },
      { name: "ごみの日", matchType: "CONTAINS", pattern: "ごみの日\nゴミの日\n収集日", priority: 20, replyText: "ごみの収集日は、お住まいの地区で異なります。メニューの「ごみ分別」からお調べください。" },
      { name: "避難所", matchType: "CONTAINS", pattern: "避難所\n避難場所", priority: 5, replyText: "お近くの避難所は、位置情報を送っていただくとご案内します。災害時は市のホームページと防災無線もご確認ください。" },
      { name: "粗大ごみ（受付時間外）", matchType: "EXACT", pattern: "粗大ごみ", priority: 30, hoursFrom: 17 * 60 + 15, hoursUntil: 8 * 60 + 30, replyText: "粗大ごみの受付は平日 8:30〜17:15 です。受付時間内にあらためてお送りください。" },
    ],
  });
  await db.replyTemplate.createMany({
    data: [
      { title: "確認します", body: "お問い合わせありがとうございます。担当課に確認して、あらためてご連絡します。", sortOrder: 10 },
      { title: "窓口のご案内", body: "恐れ入りますが、詳しくは市役所1階の総合案内（平日 8:30〜17:15）でお尋ねください。", sortOrder: 20 },
      { title: "解決のお礼", body: "ご連絡ありがとうございました。ほかにもご不明な点があれば、このトークでお気軽にお尋ねください。", sortOrder: 30 },
    ],
  });
  await db.richMenu.createMany({
    data: [
      menu("はじめての方向けメニュー", "UNREGISTERED", "メニュー", [
        ["住民登録", "liff", "/register"],
        ["ごみの日", "message", "ごみの日"],
        ["開庁時間", "message", "開庁時間"],
        ["相談する", "postback", "action=contact"],
      ]),
      menu("登録済みの方向けメニュー", "REGISTERED", "メニュー", [
        ["ごみの日", "message", "ごみの日"],
        ["ごみ分別", "liff", "/garbage"],
        ["保育施設", "liff", "/nursery"],
        ["防災情報", "liff", "/disaster"],
        ["開庁時間", "message", "開庁時間"],
        ["相談する", "postback", "action=contact"],
      ]),
      menu("災害モード用メニュー", "DISASTER", "災害情報", [
        ["避難所", "message", "避難所"],
        ["防災情報", "liff", "/disaster"],
        ["安否の連絡", "postback", "action=contact"],
        ["市のホームページ", "uri", "https://www.city-midori.example.jp/"],
      ]),
    ],
  });

  // A few residents have written to the 相談窓口.
  const residents = await db.resident.findMany({ where: { lineUserId: { in: [11, 12, 13].map(syntheticLineUserId) } }, select: { id: true } });
  const questions = ["公園の遊具が壊れているようです。どこに連絡すればいいですか？", "児童手当の申請に必要なものを教えてください。", "図書館の本の返却期限を延ばせますか？"];
  const now = Date.now();
  for (const [i, resident] of residents.entries()) {
    const at = new Date(now - (i + 1) * 3_600_000);
    await db.conversation.create({
      data: {
        residentId: resident.id,
        unreadCount: 1,
        lastMessageAt: at,
        lastInboundAt: at,
        lastAckAt: at,
        preview: questions[i]!,
        messages: { create: { direction: "INBOUND", kind: "TEXT", text: questions[i]!, lineMessageId: `demo-${i + 1}`, createdAt: at } },
      },
    });
  }
}
