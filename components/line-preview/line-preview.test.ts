// The staff preview: every message type draws, screen readers get all the text and buttons, and
// values typed by staff cannot inject CSS or script.
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { LinePreview, describeMessages, RichMenuPreview } from "@/components/line-preview";
import type { LineMessage } from "@/lib/line/messages";

const flex = {
  type: "flex",
  altText: "避難所開設のお知らせ",
  contents: {
    type: "bubble",
    hero: { type: "image", url: "https://example.jp/hero.png", size: "full", aspectRatio: "20:13" },
    body: {
      type: "box",
      layout: "vertical",
      contents: [
        { type: "text", text: "避難所を開設しました", weight: "bold", color: "#ff0000; background: url(https://evil.example/x)" },
        { type: "text", contents: [{ type: "span", text: "みどり" }, { type: "span", text: "小学校", weight: "bold" }] },
        { type: "box", layout: "baseline", contents: [{ type: "icon", url: "https://example.jp/i.png" }, { type: "text", text: "体育館", flex: 2 }] },
        { type: "separator", margin: "md" },
      ],
    },
    footer: { type: "box", layout: "vertical", contents: [{ type: "button", style: "primary", action: { type: "uri", label: "地図を見る", uri: "https://liff.line.me/123-abc/disaster" } }] },
  },
} as unknown as LineMessage;

const messages: LineMessage[] = [
  { type: "text", text: "こんにちは$", emojis: [{ index: 5, productId: "5ac1bfd5040ab15980c9b435", emojiId: "001" }] },
  { type: "image", originalContentUrl: "https://example.jp/a.png", previewImageUrl: "https://example.jp/a.png" },
  { type: "sticker", packageId: "446", stickerId: "1988" },
  { type: "location", title: "市役所", address: "みどり市本町1-1", latitude: 35, longitude: 139 },
  {
    type: "template",
    altText: "確認",
    template: { type: "confirm", text: "参加しますか？", actions: [{ type: "message", label: "はい", text: "はい" }, { type: "postback", label: "いいえ", data: "action=no", displayText: "いいえ" }] },
  } as LineMessage,
  { ...flex, quickReply: { items: [{ type: "action", action: { type: "location", label: "位置情報を送る" } }, { type: "action", action: { type: "message", label: "ごみの日", text: "ごみの日" } }] } } as LineMessage,
];

describe("[PREVIEW] LinePreview", () => {
  it("draws text with LINE emoji, image, sticker, location, template, Flex and quick replies", () => {
    const html = renderToStaticMarkup(createElement(LinePreview, { messages, title: "みどり市" }));
    expect(html).toContain("☺");
    expect(html).toContain('src="https://example.jp/a.png"');
    expect(html).toContain("スタンプ 446/1988");
    expect(html).toContain("みどり市本町1-1");
    expect(html).toContain("参加しますか？");
    expect(html).toContain("避難所を開設しました");
    expect(html).toContain("地図を見る");
    expect(html).toContain("ごみの日");
    expect(html).toMatch(/aria-hidden="true"/);
  });

  it("describes every message for screen readers: texts, buttons and what they do", () => {
    const lines = describeMessages(messages);
    expect(lines[0]).toBe("1通目 テキスト：こんにちは$（LINE絵文字 1個を含む）");
    expect(lines[3]).toBe("4通目 位置情報：市役所 みどり市本町1-1");
    expect(lines[4]).toContain("ボタン「いいえ」（「いいえ」と表示して操作を送信）");
    expect(lines[5]).toContain("Flex メッセージ「避難所開設のお知らせ」：画像、避難所を開設しました、みどり小学校、体育館、ボタン「地図を見る」（LIFF 画面を開く）");
    expect(lines[6]).toBe("クイックリプライ：ボタン「位置情報を送る」（位置情報を送る）、ボタン「ごみの日」（「ごみの日」と送信）");
    const html = renderToStaticMarkup(createElement(LinePreview, { messages }));
    expect(html).toContain('<ol class="sr-only">');
  });

  it("lets only colours, lengths and http(s) images reach the page", () => {
    const html = renderToStaticMarkup(createElement(LinePreview, { messages: [flex, { type: "image", originalContentUrl: "javascript:alert(1)", previewImageUrl: "javascript:alert(1)" } as LineMessage] }));
    expect(html).not.toContain("evil.example");
    expect(html).not.toContain("javascript:");
    expect(html).toContain("color:#111111"); // the rejected colour falls back to the default
  });

  it("draws a rich menu with its areas and lists them for screen readers", () => {
    const html = renderToStaticMarkup(
      createElement(RichMenuPreview, {
        imageSrc: "data:image/png;base64,AAAA",
        width: 2500,
        height: 843,
        chatBarText: "メニュー",
        name: "テスト",
        areas: [
          { bounds: { x: 0, y: 0, width: 1250, height: 843 }, label: "ごみの日", action: { type: "message", text: "ごみの日" } },
          { bounds: { x: 1250, y: 0, width: 1250, height: 843 }, label: "相談する", action: { type: "postback", data: "action=contact", displayText: "相談する" } },
        ],
      }),
    );
    expect(html).toContain("left:50%");
    expect(html).toContain("1：ごみの日（「ごみの日」と送信）");
    expect(html).toContain("メニュー ▾");
  });
});
