// The garbage and nursery chat messages are what LINE accepts (the emulator's validation and LINE's
// OpenAPI Message schema), and readable on any category colour.
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { checkSchema, loadSpec } from "@/emulator/contract/openapi";
import { Issues } from "@/emulator/validation/issues";
import { validateMessageArray } from "@/emulator/validation/messages";
import type { LineMessage } from "@/lib/line/messages";
import { askDistrictMessage, choicesMessage, garbageCardMessage, notFoundMessage, shortLabel, textColourOn } from "./chat-messages";
import { nearestNurseriesMessages } from "@/lib/nursery/chat";

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

describe("[GARBAGE] chat messages", () => {
  it("cards, choices, not-found and the district question are valid LINE messages", () => {
    const category = { name: "燃やすごみ", colour: "#c8361c", description: "週 2 回" };
    expectAccepted([
      garbageCardMessage({ itemId: 1, name: "紙くず", notice: "濡れたものは水を切る", category, collection: { kind: "next", label: "明日 12月3日（木）", area: "本町地区" } }),
      garbageCardMessage({ itemId: 2, name: "ふとん", notice: "", category: { ...category, name: "粗大ごみ" }, collection: { kind: "none", area: "本町地区" } }),
      garbageCardMessage({ itemId: 3, name: "あ".repeat(300), notice: "い".repeat(2000), category, collection: { kind: "unknown-area" } }),
      choicesMessage({ query: "おもちゃ", ambiguous: true, choices: Array.from({ length: 20 }, (_, i) => ({ itemId: i + 1, name: `おもちゃ（とても長い説明のついた品目 ${i}）`, categoryName: "燃やすごみ" })) }),
      notFoundMessage("宇宙船"),
    ]);
    expectAccepted([askDistrictMessage({ groups: [{ code: "SD01", name: "緑ヶ丘小学校区" }], itemId: 3 })]);
  });

  it("the nearest nurseries are a carousel of at most ten bubbles", () => {
    const hit = (i: number) => ({
      id: i, name: `保育園 ${i}`, type: "LICENSED" as const, typeLabel: "認可保育所", address: "みどり市", phone: "0000-11-1000", latitude: 35.5, longitude: 139.4, distanceMetres: 100 * i,
      capacity: 60, opensAt: 420, closesAt: 1140, extendedCare: true, temporaryCare: false, holidayCare: false, nightCare: false, minAgeMonths: 2, maxAgeClass: 5, vacancy: null, vacancyFlag: null,
    });
    const messages = nearestNurseriesMessages(Array.from({ length: 12 }, (_, i) => hit(i + 1)), new Map([[1, [{ ageClass: 1, status: "AVAILABLE" }]]]));
    expectAccepted(messages);
    expect((messages[0] as { contents: { contents: unknown[] } }).contents.contents).toHaveLength(10);
  });

  it("keeps labels within LINE's limit and text readable on any category colour", () => {
    expect(shortLabel("おもちゃ（金属製・電池で動くもの）")).toBe("おもちゃ（金属製・電池で動くもの）");
    expect(Array.from(shortLabel("あ".repeat(30)))).toHaveLength(20);
    expect(textColourOn("#77ae1f")).toBe("#000000");
    expect(textColourOn("#c8361c")).toBe("#ffffff");
    expect(textColourOn("#0a63b8")).toBe("#ffffff");
  });
});
