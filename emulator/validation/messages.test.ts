// Message validation as the Messaging API does it (reference "Message objects", stored 2025-04-16).
import { describe, expect, it } from "vitest";
import { InvalidProperty, Issues } from "./issues";
import { validateMessageArray } from "./messages";
import { validateRichMenu } from "./rich-menu";

const options = { allowLocalhostHttp: false };

function check(messages: unknown): { details: { message: string; property: string }[]; invalidProperty?: string } {
  const issues = new Issues();
  try {
    validateMessageArray(issues, { messages }, options);
  } catch (error) {
    if (error instanceof InvalidProperty) return { details: issues.details, invalidProperty: error.property };
    throw error;
  }
  return { details: issues.details };
}

const ok = (messages: unknown) => expect(check(messages)).toEqual({ details: [] });
const bubble = (body: unknown) => ({ type: "flex", altText: "お知らせ", contents: { type: "bubble", body } });
const vbox = (...contents: unknown[]) => ({ type: "box", layout: "vertical", contents });

describe("[VALIDATION] messages array", () => {
  it("requires 1 to 5 messages", () => {
    expect(check([]).details).toEqual([{ message: "Size must be between 1 and 5", property: "messages" }]);
    expect(check(Array.from({ length: 6 }, () => ({ type: "text", text: "a" }))).details).toEqual([{ message: "Size must be between 1 and 5", property: "messages" }]);
    expect(check(undefined).details).toEqual([{ message: "May not be empty", property: "messages" }]);
    expect(check("hello").invalidProperty).toBe("messages");
    ok(Array.from({ length: 5 }, () => ({ type: "text", text: "a" })));
  });

  it("names the property of every problem, as the reference example does", () => {
    expect(check([{ type: "text", text: "" }, { type: "video" }, { type: "fax" }]).details).toEqual([
      { message: "May not be empty", property: "messages[0].text" },
      { message: "May not be empty", property: "messages[1].originalContentUrl" },
      { message: "May not be empty", property: "messages[1].previewImageUrl" },
      { message: expect.stringMatching(/^Must be one of the following values: \[text, textV2, sticker, image/), property: "messages[2].type" },
    ]);
  });
});

describe("[VALIDATION] text", () => {
  it("allows 5,000 UTF-16 code units and no more", () => {
    ok([{ type: "text", text: "あ".repeat(5000) }]);
    expect(check([{ type: "text", text: "あ".repeat(5001) }]).details).toEqual([{ message: "Length must be between 0 and 5000", property: "messages[0].text" }]);
    // 🍎 is two UTF-16 code units (text-character-count): 2,500 apples fit, 2,501 do not.
    ok([{ type: "text", text: "🍎".repeat(2500) }]);
    expect(check([{ type: "text", text: "🍎".repeat(2501) }]).details).toHaveLength(1);
  });

  it("checks LINE emoji placeholders", () => {
    ok([{ type: "text", text: "$ ごみの日 $", emojis: [{ index: 0, productId: "5ac1bfd5040ab15980c9b435", emojiId: "001" }, { index: 7, productId: "5ac1bfd5040ab15980c9b435", emojiId: "002" }] }]);
    expect(check([{ type: "text", text: "$ x", emojis: [{ index: 1, productId: "p", emojiId: "e" }] }]).details[0]!.property).toBe("messages[0].emojis[0].index");
  });

  it("rejects a wrong JSON type as an invalid property", () => {
    expect(check([{ type: "text", text: 42 }]).invalidProperty).toBe("messages[0].text");
  });
});

describe("[VALIDATION] quick reply and sender", () => {
  const item = (label: string) => ({ type: "action", action: { type: "message", label, text: label } });
  it("allows at most 13 items with labels of at most 20 characters", () => {
    ok([{ type: "text", text: "選んでください", quickReply: { items: Array.from({ length: 13 }, (_, i) => item(`選択${i}`)) } }]);
    expect(check([{ type: "text", text: "x", quickReply: { items: Array.from({ length: 14 }, (_, i) => item(`${i}`)) } }]).details).toEqual([
      { message: "Size must be between 1 and 13", property: "messages[0].quickReply.items" },
    ]);
    expect(check([{ type: "text", text: "x", quickReply: { items: [item("あ".repeat(21))] } }]).details).toEqual([
      { message: "Length must be between 0 and 20", property: "messages[0].quickReply.items[0].action.label" },
    ]);
    // Labels count grapheme clusters: a family emoji is one character.
    ok([{ type: "text", text: "x", quickReply: { items: [item("👨‍👩‍👧".repeat(20))] } }]);
  });

  it("allows camera, camera roll and location actions only in quick replies", () => {
    ok([{ type: "text", text: "写真を送ってください", quickReply: { items: [{ type: "action", action: { type: "camera", label: "カメラ" } }, { type: "action", action: { type: "location", label: "位置情報" } }] } }]);
    const flex = bubble(vbox({ type: "button", action: { type: "camera", label: "カメラ" } }));
    expect(check([flex]).details[0]!.property).toBe("messages[0].contents.body.contents[0].action.type");
  });

  it("limits sender names to 20 characters without the word LINE", () => {
    ok([{ type: "text", text: "x", sender: { name: "みどり市防災課", iconUrl: "https://example.com/icon.png" } }]);
    expect(check([{ type: "text", text: "x", sender: { name: "LINE公式" } }]).details[0]!.property).toBe("messages[0].sender.name");
  });
});

describe("[VALIDATION] media, location, sticker, imagemap", () => {
  it("requires https media URLs", () => {
    ok([{ type: "image", originalContentUrl: "https://example.com/a.jpg", previewImageUrl: "https://example.com/p.jpg" }]);
    const http = check([{ type: "image", originalContentUrl: "http://example.com/a.jpg", previewImageUrl: "https://example.com/p.jpg" }]);
    expect(http.details).toEqual([{ message: "invalid uri (LINE requires https)", property: "messages[0].originalContentUrl" }]);
    const issues = new Issues();
    validateMessageArray(issues, { messages: [{ type: "image", originalContentUrl: "http://localhost:3000/a.png", previewImageUrl: "http://localhost:3000/a.png" }] }, { allowLocalhostHttp: true });
    expect(issues.details).toEqual([]);
  });

  it("checks audio, location and sticker fields", () => {
    ok([{ type: "audio", originalContentUrl: "https://example.com/a.m4a", duration: 60000 }]);
    expect(check([{ type: "audio", originalContentUrl: "https://example.com/a.m4a" }]).details).toEqual([{ message: "May not be empty", property: "messages[0].duration" }]);
    expect(check([{ type: "location", title: "x".repeat(101), address: "本町", latitude: 35, longitude: 139 }]).details).toEqual([{ message: "Length must be between 0 and 100", property: "messages[0].title" }]);
    expect(check([{ type: "sticker", packageId: "446" }]).details).toEqual([{ message: "May not be empty", property: "messages[0].stickerId" }]);
  });

  it("checks imagemaps (base width 1040, areas, at most 50 actions)", () => {
    const action = { type: "uri", linkUri: "https://example.com", area: { x: 0, y: 0, width: 520, height: 520 } };
    ok([{ type: "imagemap", baseUrl: "https://example.com/map", altText: "地図", baseSize: { width: 1040, height: 1040 }, actions: [action] }]);
    expect(check([{ type: "imagemap", baseUrl: "https://example.com/map", altText: "地図", baseSize: { width: 1000, height: 1040 }, actions: [{ ...action, area: undefined }] }]).details).toEqual([
      { message: "Must be 1040", property: "messages[0].baseSize.width" },
      { message: "May not be empty", property: "messages[0].actions[0].area" },
    ]);
  });
});

describe("[VALIDATION] templates", () => {
  const action = (label: string) => ({ type: "postback", label, data: `choice=${label}` });
  it("buttons: text ≤ 160 (60 with a title), 1–4 actions", () => {
    ok([{ type: "template", altText: "選択", template: { type: "buttons", text: "あ".repeat(160), actions: [action("はい")] } }]);
    expect(check([{ type: "template", altText: "選択", template: { type: "buttons", title: "題", text: "あ".repeat(61), actions: [action("1"), action("2"), action("3"), action("4"), action("5")] } }]).details).toEqual([
      { message: "Length must be between 0 and 60", property: "messages[0].template.text" },
      { message: "Size must be between 1 and 4", property: "messages[0].template.actions" },
    ]);
  });

  it("confirm: exactly two actions; carousel: same number of actions per column", () => {
    expect(check([{ type: "template", altText: "確認", template: { type: "confirm", text: "よろしいですか", actions: [action("はい")] } }]).details).toEqual([
      { message: "Size must be between 2 and 2", property: "messages[0].template.actions" },
    ]);
    const column = (n: number) => ({ text: "説明", actions: Array.from({ length: n }, (_, i) => action(`選択${i}`)) });
    expect(check([{ type: "template", altText: "一覧", template: { type: "carousel", columns: [column(1), column(2)] } }]).details).toEqual([
      { message: "All columns must have the same number of actions", property: "messages[0].template.columns" },
    ]);
  });
});

describe("[VALIDATION] flex", () => {
  it("accepts the reference examples", () => {
    ok([bubble(vbox({ type: "text", text: "hello" }, { type: "text", text: "world" }))]);
    ok([
      {
        type: "flex",
        altText: "carousel",
        contents: { type: "carousel", contents: [{ type: "bubble", body: vbox({ type: "text", text: "First bubble" }) }, { type: "bubble", body: vbox({ type: "text", text: "Second bubble" }) }] },
      },
    ]);
    ok([
      bubble({
        type: "box",
        layout: "vertical",
        height: "400px",
        justifyContent: "space-evenly",
        alignItems: "center",
        contents: [
          { type: "image", url: "https://example.com/flex/images/image.jpg" },
          { type: "separator" },
          { type: "text", text: "Text in the box" },
          { type: "box", layout: "vertical", contents: [], width: "30px", height: "30px", background: { type: "linearGradient", angle: "90deg", startColor: "#FFFF00", endColor: "#0080ff" } },
        ],
      }),
    ]);
  });

  it("checks container and component types and what a box may hold", () => {
    expect(check([{ type: "flex", altText: "x", contents: { type: "bubbles" } }]).details[0]).toMatchObject({ property: "messages[0].contents.type" });
    const baseline = bubble({ type: "box", layout: "baseline", contents: [{ type: "icon", url: "https://example.com/i.png" }, { type: "image", url: "https://example.com/i.png" }] });
    expect(check([baseline]).details).toEqual([{ message: expect.stringContaining("A baseline box can't contain a image component"), property: "messages[0].contents.body.contents[1].type" }]);
    expect(check([bubble(vbox({ type: "icon", url: "https://example.com/i.png" }))]).details[0]!.property).toBe("messages[0].contents.body.contents[0].type");
  });

  it("checks required properties, enums, sizes and colors", () => {
    const details = check([
      bubble({
        type: "box",
        layout: "diagonal",
        contents: [],
      }),
      bubble(vbox({ type: "button" }, { type: "text" }, { type: "image" }, { type: "text", text: "x", size: "huge", color: "red" }, { type: "box", layout: "vertical" })),
    ]).details;
    expect(details).toEqual([
      { message: expect.stringMatching(/^Must be one of the following values: \[horizontal, vertical, baseline\]/), property: "messages[0].contents.body.layout" },
      { message: "May not be empty", property: "messages[1].contents.body.contents[0].action" },
      { message: "May not be empty", property: "messages[1].contents.body.contents[1].text" },
      { message: "May not be empty", property: "messages[1].contents.body.contents[2].url" },
      { message: expect.stringContaining("Invalid value"), property: "messages[1].contents.body.contents[3].size" },
      { message: "Invalid color. Use #RRGGBB or #RRGGBBAA", property: "messages[1].contents.body.contents[3].color" },
      { message: "May not be empty", property: "messages[1].contents.body.contents[4].contents" },
    ]);
  });

  it("requires button labels (≤ 40) and limits carousels to 12 bubbles of one size", () => {
    expect(check([bubble(vbox({ type: "button", action: { type: "uri", uri: "https://example.com" } }))]).details).toEqual([
      { message: "May not be empty", property: "messages[0].contents.body.contents[0].action.label" },
    ]);
    const bubbles = Array.from({ length: 13 }, () => ({ type: "bubble", body: vbox({ type: "text", text: "x" }) }));
    expect(check([{ type: "flex", altText: "x", contents: { type: "carousel", contents: bubbles } }]).details).toEqual([
      { message: "Size must be between 1 and 12", property: "messages[0].contents.contents" },
    ]);
    const mixed = [
      { type: "bubble", size: "kilo", body: vbox({ type: "text", text: "x" }) },
      { type: "bubble", size: "mega", body: vbox({ type: "text", text: "y" }) },
    ];
    expect(check([{ type: "flex", altText: "x", contents: { type: "carousel", contents: mixed } }]).details[0]!.message).toMatch(/same size/);
  });

  it("limits a bubble's JSON to 30 KB", () => {
    const texts = Array.from({ length: 400 }, () => ({ type: "text", text: "あいうえおかきくけこさしすせそ", wrap: true }));
    expect(check([bubble(vbox(...texts))]).details[0]!.message).toMatch(/30 KB/);
  });

  it("checks actions inside flex (URI schemes)", () => {
    expect(check([bubble(vbox({ type: "button", action: { type: "uri", label: "開く", uri: "ftp://example.com" } }))]).details).toEqual([
      { message: "invalid uri", property: "messages[0].contents.body.contents[0].action.uri" },
    ]);
    ok([bubble(vbox({ type: "button", action: { type: "uri", label: "電話", uri: "tel:0120000000" } }))]);
  });
});

describe("[VALIDATION] rich menus", () => {
  const menu = {
    size: { width: 2500, height: 843 },
    selected: false,
    name: "メニュー",
    chatBarText: "メニュー",
    areas: [{ bounds: { x: 0, y: 0, width: 2500, height: 843 }, action: { type: "richmenuswitch", richMenuAliasId: "page-2", data: "page=2" } }],
  };
  it("accepts a valid menu and rejects out-of-range sizes and areas", () => {
    const issues = new Issues();
    expect(validateRichMenu(issues, structuredClone(menu))).toBeDefined();
    const bad = new Issues();
    validateRichMenu(bad, { ...menu, size: { width: 700, height: 843 }, chatBarText: "とても長いチャットバーのテキストです", areas: [{ bounds: { x: 2000, y: 0, width: 1000, height: 843 } }] });
    expect(bad.details.map((d) => d.property)).toEqual(["size.width", "size", "chatBarText", "areas[0].bounds", "areas[0].action"]);
    const missing = new Issues();
    validateRichMenu(missing, {});
    expect(missing.details).toEqual([
      { message: "must be specified", property: "size" },
      { message: "must be specified", property: "selected" },
      { message: "must be specified", property: "name" },
      { message: "must be specified", property: "chatBarText" },
      { message: "must be specified", property: "areas" },
    ]);
  });
});
