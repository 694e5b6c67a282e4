// The builders produce messages that LINE accepts — checked against the emulator's validation and
// against LINE's OpenAPI Message schema — and refuse what LINE would reject.
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { checkSchema, loadSpec } from "@/emulator/contract/openapi";
import { Issues } from "@/emulator/validation/issues";
import { validateMessageArray } from "@/emulator/validation/messages";
import {
  LineMessageError,
  assertMessageCount,
  cameraAction,
  datetimePickerAction,
  flexBox,
  flexBubble,
  flexButton,
  flexCarousel,
  flexImage,
  flexMessage,
  flexSeparator,
  flexText,
  imageMessage,
  liffUrl,
  locationAction,
  locationMessage,
  messageAction,
  postbackAction,
  stickerMessage,
  textMessage,
  uriAction,
  type LineMessage,
} from "./messages";

beforeAll(() => {
  process.env.LIFF_ID = "2009000002-KairanDm";
  resetEnvCache();
});

function expectAccepted(messages: LineMessage[]): void {
  const issues = new Issues();
  validateMessageArray(issues, { messages }, { allowLocalhostHttp: false });
  expect(issues.details).toEqual([]);
  const spec = loadSpec("messaging-api");
  for (const message of messages) expect(checkSchema(spec, { $ref: "#/components/schemas/Message" }, message)).toEqual([]);
}

describe("[LINE] message builders", () => {
  it("build text, image, location and sticker messages with quick replies", () => {
    expectAccepted([
      textMessage("明日は燃えるごみの日です。", { quickReply: [messageAction("収集日一覧"), postbackAction("通知を止める", "action=unsubscribe&topic=garbage", { displayText: "通知を止める" }), locationAction(), cameraAction()] }),
      imageMessage("https://example.com/map.png"),
      locationMessage({ title: "みどり市役所", address: "みどり市本町1-1", latitude: 35.68, longitude: 139.76 }),
      stickerMessage("446", "1988"),
    ]);
  });

  it("build Flex bubbles and carousels with LIFF links", () => {
    const bubble = flexBubble({
      hero: flexImage("https://example.com/hero.png", { size: "full", aspectRatio: "20:13", aspectMode: "cover" }),
      body: flexBox("vertical", [flexText("避難所開設のお知らせ", { weight: "bold", size: "lg", wrap: true }), flexSeparator({ margin: "md" }), flexText("みどり小学校 体育館", { size: "sm", color: "#555555" })], { spacing: "sm" }),
      footer: flexBox("vertical", [
        flexButton(uriAction("地図を見る", liffUrl("/disaster/shelters", { id: "12" })), { style: "primary" }),
        flexButton(datetimePickerAction("面談を予約", "action=book", "datetime", { min: "2026-12-01T09:00" }), { style: "secondary" }),
      ]),
    });
    expect(liffUrl("/disaster/shelters", { id: "12" })).toBe("https://liff.line.me/2009000002-KairanDm/disaster/shelters?id=12");
    expectAccepted([flexMessage("避難所開設のお知らせ", bubble), flexMessage("一覧", flexCarousel([bubble, bubble]))]);
  });

  it("refuse what LINE would reject", () => {
    expect(() => textMessage("")).toThrow(LineMessageError);
    expect(() => textMessage("あ".repeat(5001))).toThrow(/5001 characters; LINE allows 5000/);
    expect(() => textMessage("x", { quickReply: Array.from({ length: 14 }, (_, i) => messageAction(`選択${i}`)) })).toThrow(/1 to 13 items/);
    expect(() => textMessage("x", { quickReply: [messageAction("あ".repeat(21))] })).toThrow(/label/);
    expect(() => imageMessage("http://example.com/a.png")).toThrow(/https/);
    expect(() => flexMessage("x".repeat(401), flexBubble({}))).toThrow(/altText/);
    expect(() => flexBox("baseline", [flexSeparator()])).toThrow(/baseline box cannot hold a separator/);
    expect(() => flexMessage("x", flexCarousel([]))).toThrow(/1 to 12 bubbles/);
    expect(() => uriAction("開く", "javascript:alert(1)")).toThrow(LineMessageError);
    expect(() => postbackAction("x", "d".repeat(301))).toThrow(/postback data/);
    expect(() => assertMessageCount([])).toThrow();
    expect(assertMessageCount([textMessage("a")])).toHaveLength(1);
  });
});
