import { describe, expect, it } from "vitest";
import { broadcastContentSchema, usesEmergencyTemplate, variantLanguages } from "./content";
import { buildLineMessages, draftToLineMessage } from "./line-messages";
import { LineMessageError } from "@/lib/line/messages";

const context = { appUrl: "https://kairan.city-midori.example.jp", liffId: "2009000002-KairanDm" };

describe("[BROADCASTS] composed content", () => {
  it("requires Japanese; other languages are optional; 1–5 messages each", () => {
    expect(broadcastContentSchema.safeParse({ variants: { en: [{ type: "text", text: "Hello" }] } }).success).toBe(false);
    expect(broadcastContentSchema.safeParse({ variants: { ja: [] } }).success).toBe(false);
    const six = Array.from({ length: 6 }, () => ({ type: "text", text: "あ" }));
    expect(broadcastContentSchema.safeParse({ variants: { ja: six } }).success).toBe(false);
    const ok = broadcastContentSchema.parse({ variants: { en: [{ type: "text", text: "Hi" }], ja: [{ type: "text", text: "こんにちは" }] } });
    expect(variantLanguages(ok)).toEqual(["ja", "en"]);
    expect(broadcastContentSchema.safeParse({ variants: { ja: [{ type: "text", text: "x".repeat(5001) }] } }).success).toBe(false);
  });

  it("templates become Flex bubbles with their words in the variant's language and buttons to URLs or LIFF pages", () => {
    const content = broadcastContentSchema.parse({
      variants: {
        ja: [{ type: "flex", template: "disaster", level: "警戒レベル4", title: "避難指示", area: "緑ヶ丘", body: "避難してください。", button: { kind: "liff", label: "避難所を確認", page: "disaster" } }],
        en: [{ type: "flex", template: "event", title: "Festival", date: "12 Oct", place: "Park", body: "", imageId: null, button: { kind: "url", label: "Details", url: "https://city.example.jp/fes" } }],
      },
    });
    expect(usesEmergencyTemplate(content)).toBe(true);
    const built = buildLineMessages(content, context);
    const ja = JSON.stringify(built.ja);
    expect(ja).toContain("防災アラート");
    expect(ja).toContain("対象地区");
    expect(ja).toContain("https://liff.line.me/2009000002-KairanDm/disaster");
    expect(built.ja![0]).toMatchObject({ type: "flex", altText: "【防災アラート】警戒レベル4 避難指示" });
    const en = JSON.stringify(built.en);
    expect(en).toContain("Venue");
    expect(en).toContain("https://city.example.jp/fes");
  });

  it("images are served by the app; only the local emulator may use http", () => {
    const image = { type: "image" as const, imageId: "7f4c6d8e-0000-4000-8000-000000000001", alt: "" };
    expect(draftToLineMessage(image, "ja", context)).toEqual({
      type: "image",
      originalContentUrl: "https://kairan.city-midori.example.jp/liff/images/7f4c6d8e-0000-4000-8000-000000000001/original.jpg",
      previewImageUrl: "https://kairan.city-midori.example.jp/liff/images/7f4c6d8e-0000-4000-8000-000000000001/preview.jpg",
    });
    expect(() => draftToLineMessage(image, "ja", { ...context, appUrl: "http://kairan.example.jp" })).toThrow(LineMessageError);
    expect(draftToLineMessage(image, "ja", { ...context, appUrl: "http://localhost:3000" })).toMatchObject({ type: "image" });
  });

  it("what LINE would reject is refused while composing (with the language and message number)", () => {
    const content = broadcastContentSchema.parse({ variants: { ja: [{ type: "text", text: "ok" }, { type: "flex", template: "notice", title: "t", body: "b", imageId: null, button: { kind: "url", label: "あ".repeat(40), url: "https://x.example" } }] } });
    expect(() => buildLineMessages({ variants: { ja: [{ type: "text", text: "" }] } }, context)).toThrow(/ja #1/);
    expect(buildLineMessages(content, context).ja).toHaveLength(2);
  });
});
