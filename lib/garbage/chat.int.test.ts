// Garbage and nurseries in the chat, through the real webhook intake and handling against the LINE
// emulator (lib/webhook/testing/harness.ts), on the demo city's dictionary and nurseries; and the
// evening reminders, sent once however often their job runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { startChatHarness, type ChatHarness } from "@/lib/webhook/testing/harness";
import { DEMO_DISTRICTS, DEMO_MUNICIPALITY, DEMO_SCHOOL_DISTRICTS } from "@/lib/demo/demo-city";
import { DEMO_CITY_CENTRE, seedDemoGarbageAndNurseries } from "@/lib/seed/seed-demo-garbage-nursery";
import { sendOutbound } from "@/lib/webhook/outbox";
import { setReminder } from "./reminder-settings";
import { sendDueReminders } from "./reminders";
import { loadAreaSchedule, nextCollection } from "./areas";
import { addDays, japanToday } from "./schedule";

const t = useTestDatabase();
let h: ChatHarness;

type Sent = Awaited<ReturnType<ChatHarness["sentTo"]>>;
type Message = { type: string; text?: string; altText?: string; quickReply?: { items: { action: { label: string; data?: string } }[] }; contents?: unknown };

function messages(sent: Sent): Message[] {
  return sent.flatMap((s) => s.messages as Message[]);
}

beforeAll(async () => {
  await t.db.municipality.create({ data: { id: 1, ...DEMO_MUNICIPALITY } });
  for (const [i, school] of DEMO_SCHOOL_DISTRICTS.entries()) await t.db.schoolDistrict.create({ data: { ...school, sortOrder: i } });
  const schools = new Map((await t.db.schoolDistrict.findMany()).map((s) => [s.code, s.id]));
  await t.db.district.createMany({ data: DEMO_DISTRICTS.map((d, i) => ({ code: d.code, name: d.name, kana: d.kana, schoolDistrictId: schools.get(d.school)!, sortOrder: i })) });
  await seedDemoGarbageAndNurseries(t.db);
  h = await startChatHarness(t.db, t.url);
});

afterAll(async () => {
  await h?.close();
});

async function say(userId: string, text: string) {
  await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "text", text });
  return h.handlePending();
}

async function tap(userId: string, data: string) {
  await h.emulator.admin("POST", `/residents/${userId}/postback`, { data });
  return h.handlePending();
}

describe("[GARBAGE] in the chat", () => {
  it("answers an item typed in hiragana with its card, asks for the area once, then gives the next collection day", async () => {
    const userId = await h.resident("清水 ごみ子");
    await h.handlePending();
    expect(await say(userId, "ぺっとぼとるのふた")).toEqual(["intent:garbage:garbage:answer"]);
    let sent = messages(await h.sentTo(userId)).slice(-2);
    expect(sent[0]).toMatchObject({ type: "flex", altText: "「ペットボトルのキャップ」はプラスチック製容器包装です。" });
    expect(JSON.stringify(sent[0]!.contents)).toContain("お住まいの地区を教えていただくと");
    expect(sent[1]!.text).toContain("小学校区を下から選んでください");
    const schoolChoice = sent[1]!.quickReply!.items.find((i) => i.action.label === "本町小学校区")!;

    expect(await tap(userId, schoolChoice.action.data!)).toEqual(["postback:garbage-school:garbage:ask-district"]);
    sent = messages(await h.sentTo(userId)).slice(-1);
    const district = sent[0]!.quickReply!.items.find((i) => i.action.label === "本町一丁目")!;
    expect(await tap(userId, district.action.data!)).toEqual(["postback:garbage-district:garbage:area-set"]);
    sent = messages(await h.sentTo(userId)).slice(-2);
    expect(sent[0]!.text).toBe("お住まいの地区を「本町・駅前地区」にしました。");
    expect(sent[1]!.altText).toMatch(/^「ペットボトルのキャップ」はプラスチック製容器包装です。次の収集日は.+（木）です。$/);

    // Known from now on: no more questions.
    expect(await say(userId, "スマホ")).toEqual(["intent:garbage:garbage:answer"]);
    sent = messages(await h.sentTo(userId)).slice(-1);
    expect(sent[0]!.altText).toContain("「携帯電話」は市で収集しないものです。");
    const resident = await t.db.resident.findUniqueOrThrow({ where: { lineUserId: userId }, include: { garbageArea: { include: { area: true } } } });
    expect(resident.garbageArea?.area.name).toBe("本町・駅前地区");
  });

  it("offers the options when size or material decides, and answers the one chosen", async () => {
    const userId = await h.resident("選択 たろう");
    await h.handlePending();
    expect(await say(userId, "ふとんを捨てたい")).toEqual(["intent:garbage:garbage:choices"]);
    const [choices] = messages(await h.sentTo(userId)).slice(-1);
    expect(choices!.text).toContain("大きさや素材によって出し方が変わります");
    expect(choices!.quickReply!.items.map((i) => i.action.label).sort()).toEqual(["ふとん", "ふとん（50cm以下に切ったもの）"]);
    const cut = choices!.quickReply!.items.find((i) => i.action.label === "ふとん（50cm以下に切ったもの）")!;
    expect(await tap(userId, cut.action.data!)).toEqual(["postback:garbage-item:garbage:item"]);
    expect(messages(await h.sentTo(userId)).at(-2)!.altText).toContain("は燃やすごみです");
  });

  it("answers nothing-found kindly with the LIFF search and keeps the query for staff; other messages still reach the inbox", async () => {
    const userId = await h.resident("不明 はなこ");
    await h.handlePending();
    expect(await say(userId, "宇宙船の捨て方")).toEqual(["intent:garbage:garbage:not-found"]);
    const [reply] = messages(await h.sentTo(userId)).slice(-1);
    expect(reply!.altText).toBe("「宇宙船の捨て方」はごみ分別の辞書に見つかりませんでした。");
    expect(JSON.stringify(reply!.contents)).toContain("liff.line.me");
    expect(await t.db.garbageUnansweredQuery.findFirst({ where: { normalized: "宇宙船" } })).toMatchObject({ example: "宇宙船の捨て方", count: 1, lastSource: "chat" });
    expect(await say(userId, "公園のベンチが壊れています。どこに連絡すればいいですか？")).toEqual(["inbox"]);
  });

  it("tells a resident who knows their area the next collection days", async () => {
    const userId = await h.resident("曜日 じろう");
    await h.handlePending();
    const resident = await t.db.resident.findUniqueOrThrow({ where: { lineUserId: userId } });
    const district = await t.db.district.findFirstOrThrow({ where: { code: "0301" } });
    await t.db.resident.update({ where: { id: resident.id }, data: { districtId: district.id } });
    expect(await say(userId, "明日は何ごみ？")).toEqual(["intent:garbage-days:garbage:days"]);
    const [reply] = messages(await h.sentTo(userId)).slice(-1);
    expect(reply!.text).toContain("若葉台地区の次の収集日です。");
    expect(reply!.text).toContain("・燃やすごみ：");
  });
});

describe("[NURSERY] in the chat", () => {
  it("answers a location with the nearest nurseries as a carousel, nearest first", async () => {
    const userId = await h.resident("位置 さくら");
    await h.handlePending();
    await h.emulator.admin("POST", `/residents/${userId}/messages`, { type: "location", ...DEMO_CITY_CENTRE, title: "自宅付近" });
    expect(await h.handlePending()).toEqual(["location:nursery:nursery:nearest:10"]);
    const [carousel, hint] = messages(await h.sentTo(userId)).slice(-2);
    expect(carousel!.type).toBe("flex");
    expect(carousel!.altText).toMatch(/^近くの保育施設（近い順）：みどり市立 本町保育園、ちいさなおうち保育室、駅前ひだまり保育園 ほか$/);
    const bubbles = (carousel!.contents as { contents: unknown[] }).contents;
    expect(bubbles).toHaveLength(10);
    expect(JSON.stringify(bubbles[0])).toContain("tel:0000111000");
    expect(hint!.text).toContain("条件で探すには");
  });

  it("guides 「保育園を探したい」 to sending a location or the LIFF search", async () => {
    const userId = await h.resident("保育 もとめ");
    await h.handlePending();
    expect(await say(userId, "保育園を探したい")).toEqual(["intent:nursery:nursery:guide"]);
    const [guide] = messages(await h.sentTo(userId)).slice(-1);
    expect(guide!.quickReply!.items.map((i) => i.action.label)).toEqual(["位置情報を送る"]);
  });
});

describe("[GARBAGE] reminders 「前日20時に通知」", () => {
  it("pushes tomorrow's collection once to subscribers, however often the job runs", async () => {
    const userId = await h.resident("通知 まつ");
    await h.handlePending();
    const resident = await t.db.resident.findUniqueOrThrow({ where: { lineUserId: userId } });
    const area = await t.db.garbageArea.findFirstOrThrow({ where: { name: "緑ヶ丘地区" } });
    const burnable = await t.db.garbageCategory.findFirstOrThrow({ where: { name: "燃やすごみ", dictionary: { slug: "midori" } } });
    const coarse = await t.db.garbageCategory.findFirstOrThrow({ where: { name: "粗大ごみ", dictionary: { slug: "midori" } } });
    await setReminder(t.db, { residentId: resident.id, areaId: area.id, categoryId: burnable.id, enabled: true });
    await setReminder(t.db, { residentId: resident.id, areaId: area.id, categoryId: coarse.id, enabled: true });

    // An evening (20:00 in Japan) before a 燃やすごみ day of 緑ヶ丘地区 (月 木), outside 年末年始.
    const schedule = (await loadAreaSchedule(t.db, area.id))!;
    let day = nextCollection(schedule, burnable.id, addDays(japanToday(), 7))!;
    if (day.getUTCMonth() === 11 || day.getUTCMonth() === 0) day = nextCollection(schedule, burnable.id, addDays(day, 10))!;
    const evening = new Date(day.getTime() - 24 * 3_600_000 + 11 * 3_600_000); // 20:00 JST the day before

    const first = await sendDueReminders(t.db, { now: evening });
    expect(first.queued).toBe(1);
    expect(await sendDueReminders(t.db, { now: evening })).toMatchObject({ queued: 0 });
    const outbound = await t.db.outboundMessage.findFirstOrThrow({ where: { residentId: resident.id, purpose: "garbage:reminder" } });
    expect(await sendOutbound(t.db, outbound.id)).toBe("sent");
    const [pushed] = messages(await h.sentTo(userId)).slice(-1);
    expect(pushed!.text).toMatch(/^明日 .+（[月木]）は「燃やすごみ」の収集日です。/);
  });
});
