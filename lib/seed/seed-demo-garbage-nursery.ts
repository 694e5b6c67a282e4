// Demo content for みどり市 (fictional): a small garbage dictionary with its categories, collection
// rules per district and the year-end suspension, and a dozen nurseries around a made-up centre.
// Written for Kairan — no real city's data. Runs once, from seedDemoCity (lib/seed/seed-demo-city.ts).
import type { Db } from "@/lib/db";
import { SYSTEM_ACTOR, writeAudit } from "@/lib/audit/write-audit";
import { DEFAULT_SYNONYMS } from "@/lib/garbage/default-synonyms";
import { normalizeText, stripQuestion } from "@/lib/garbage/normalize";
import type { NurseryTypeValue, VacancyStatusValue } from "@/lib/nursery/labels";

export const DEMO_DICTIONARY_SLUG = "midori";

/** The made-up centre of みどり市 (the demo's map and distances are relative to it). */
export const DEMO_CITY_CENTRE = { latitude: 35.5512, longitude: 139.4478 };

const CATEGORIES = [
  { name: "燃やすごみ", colour: "#c8361c", description: "週 2 回。指定の袋に入れて、朝 8 時 30 分までに集積所へ出してください。" },
  { name: "燃やさないごみ", colour: "#5b3fb5", description: "月 1 回。金属・ガラス・陶器など。危ないものは紙に包んで「キケン」と書いてください。" },
  { name: "プラスチック製容器包装", colour: "#1d7a3c", description: "週 1 回。プラマークのある容器や包装です。汚れを軽く落としてください。" },
  { name: "缶・びん・ペットボトル", colour: "#0a63b8", description: "月 2 回。中をすすいで、種類ごとにかごへ入れてください。" },
  { name: "古紙・布類", colour: "#7a5200", description: "月 2 回。ひもで十字にしばってください。雨の日は次の回に出してください。" },
  { name: "有害ごみ", colour: "#a3161b", description: "月 1 回。乾電池・蛍光管・ライターなど。透明な袋に入れてください。" },
  { name: "粗大ごみ", colour: "#4a4a4a", description: "申し込み制（有料）。粗大ごみ受付センター（0000-00-0000）へ申し込んでください。" },
  { name: "市で収集しないもの", colour: "#333333", description: "市では収集できません。販売店やメーカー、専門の業者に相談してください。" },
] as const;
type CategoryName = (typeof CATEGORIES)[number]["name"];

type DemoItem = { name: string; reading: string; category: CategoryName; notice?: string; aliases?: string[] };

const ITEMS: DemoItem[] = [
  { name: "生ごみ", reading: "なまごみ", category: "燃やすごみ", notice: "水気をよく切ってください。", aliases: ["残飯", "食べ残し", "野菜くず"] },
  { name: "紙くず", reading: "かみくず", category: "燃やすごみ" },
  { name: "紙おむつ", reading: "かみおむつ", category: "燃やすごみ", notice: "汚物はトイレに流してから出してください。", aliases: ["おむつ"] },
  { name: "割りばし", reading: "わりばし", category: "燃やすごみ" },
  { name: "木の枝", reading: "きのえだ", category: "燃やすごみ", notice: "長さ 50cm 以下、太さ 10cm 以下に切って、ひもでしばってください。" },
  { name: "歯ブラシ", reading: "はぶらし", category: "燃やすごみ" },
  { name: "靴", reading: "くつ", category: "燃やすごみ" },
  { name: "かばん", reading: "かばん", category: "燃やすごみ", notice: "金具が多いものは燃やさないごみです。" },
  { name: "ぬいぐるみ", reading: "ぬいぐるみ", category: "燃やすごみ" },
  { name: "保冷剤", reading: "ほれいざい", category: "燃やすごみ" },
  { name: "ふとん（50cm以下に切ったもの）", reading: "ふとん", category: "燃やすごみ", notice: "50cm 以下に切って、指定の袋に入れてください。" },
  { name: "ふとん", reading: "ふとん", category: "粗大ごみ", notice: "切らずに出すときは粗大ごみです。" },
  { name: "おもちゃ（プラスチック製）", reading: "おもちゃ", category: "燃やすごみ", notice: "電池は外して有害ごみへ出してください。" },
  { name: "おもちゃ（金属製・電池で動くもの）", reading: "おもちゃ", category: "燃やさないごみ", notice: "電池は外して有害ごみへ出してください。" },
  { name: "傘", reading: "かさ", category: "燃やさないごみ", notice: "骨が金属のものは燃やさないごみです。" },
  { name: "食器（陶器・ガラス）", reading: "しょっき", category: "燃やさないごみ", notice: "割れたものは紙に包んで「キケン」と書いてください。" },
  { name: "鍋", reading: "なべ", category: "燃やさないごみ" },
  { name: "フライパン", reading: "ふらいぱん", category: "燃やさないごみ" },
  { name: "刃物", reading: "はもの", category: "燃やさないごみ", notice: "紙に包んで「キケン」と書いてください。", aliases: ["包丁", "はさみ", "カッター"] },
  { name: "電球", reading: "でんきゅう", category: "燃やさないごみ", notice: "LED 電球も燃やさないごみです。" },
  { name: "ペットボトルのキャップ", reading: "ぺっとぼとるのきゃっぷ", category: "プラスチック製容器包装", notice: "キャップは外してプラスチック製容器包装の日に出してください。本体は缶・びん・ペットボトルの日です。", aliases: ["ペットボトルのふた"] },
  { name: "ペットボトルのラベル", reading: "ぺっとぼとるのらべる", category: "プラスチック製容器包装" },
  { name: "卵パック", reading: "たまごぱっく", category: "プラスチック製容器包装" },
  { name: "食品トレー", reading: "しょくひんとれー", category: "プラスチック製容器包装", notice: "汚れを軽く落としてください。", aliases: ["トレー", "発泡スチロールのトレー"] },
  { name: "カップめんの容器", reading: "かっぷめんのようき", category: "プラスチック製容器包装" },
  { name: "レジ袋", reading: "れじぶくろ", category: "プラスチック製容器包装" },
  { name: "ペットボトル", reading: "ぺっとぼとる", category: "缶・びん・ペットボトル", notice: "キャップとラベルを外し、中を軽くすすいでつぶしてください。" },
  { name: "空き缶", reading: "あきかん", category: "缶・びん・ペットボトル", notice: "中をすすいでください。" },
  { name: "空きびん", reading: "あきびん", category: "缶・びん・ペットボトル", notice: "ふたを外して中をすすいでください。" },
  { name: "新聞紙", reading: "しんぶんし", category: "古紙・布類", aliases: ["新聞", "チラシ"] },
  { name: "段ボール", reading: "だんぼーる", category: "古紙・布類", notice: "たたんでひもでしばってください。", aliases: ["ダンボール"] },
  { name: "雑誌", reading: "ざっし", category: "古紙・布類" },
  { name: "牛乳パック", reading: "ぎゅうにゅうぱっく", category: "古紙・布類", notice: "開いて洗って乾かしてください。" },
  { name: "衣類", reading: "いるい", category: "古紙・布類", notice: "洗って乾かしてから、透明な袋に入れてください。", aliases: ["古着", "服"] },
  { name: "乾電池", reading: "かんでんち", category: "有害ごみ", notice: "端子にテープを貼ってください。", aliases: ["電池"] },
  { name: "蛍光管", reading: "けいこうかん", category: "有害ごみ", notice: "割らずに、買ったときのケースに入れてください。", aliases: ["蛍光灯"] },
  { name: "ライター", reading: "らいたー", category: "有害ごみ", notice: "中身を使い切ってください。" },
  { name: "スプレー缶", reading: "すぷれーかん", category: "有害ごみ", notice: "中身を使い切り、穴は開けないでください。", aliases: ["カセットボンベ"] },
  { name: "体温計（水銀）", reading: "たいおんけい", category: "有害ごみ" },
  { name: "自転車", reading: "じてんしゃ", category: "粗大ごみ" },
  { name: "カーペット", reading: "かーぺっと", category: "粗大ごみ", notice: "50cm 以下に切れば燃やすごみに出せます。" },
  { name: "たんす", reading: "たんす", category: "粗大ごみ" },
  { name: "電子レンジ", reading: "でんしれんじ", category: "粗大ごみ" },
  { name: "携帯電話", reading: "けいたいでんわ", category: "市で収集しないもの", notice: "市役所 1 階の小型家電回収ボックスか、販売店へお持ちください。個人情報は消してください。", aliases: ["スマートフォン"] },
  { name: "テレビ", reading: "てれび", category: "市で収集しないもの", notice: "家電リサイクル法の対象です。購入した店か、買い替える店に相談してください。" },
  { name: "冷蔵庫", reading: "れいぞうこ", category: "市で収集しないもの", notice: "家電リサイクル法の対象です。購入した店か、買い替える店に相談してください。" },
  { name: "エアコン", reading: "えあこん", category: "市で収集しないもの", notice: "家電リサイクル法の対象です。購入した店か、買い替える店に相談してください。" },
  { name: "消火器", reading: "しょうかき", category: "市で収集しないもの", notice: "販売店か、リサイクル窓口（0000-00-0001）に相談してください。" },
];

/** One collection area per school district; rules in 5374 notation. */
const AREAS: { name: string; school: string; rules: Partial<Record<CategoryName, string>> }[] = [
  { name: "緑ヶ丘地区", school: "SD01", rules: { 燃やすごみ: "月 木", 燃やさないごみ: "水1", プラスチック製容器包装: "水", "缶・びん・ペットボトル": "金2 金4", "古紙・布類": "金1 金3", 有害ごみ: "水3" } },
  { name: "本町・駅前地区", school: "SD02", rules: { 燃やすごみ: "火 金", 燃やさないごみ: "水2", プラスチック製容器包装: "木", "缶・びん・ペットボトル": "月1 月3", "古紙・布類": "月2 月4", 有害ごみ: "水4" } },
  { name: "若葉台地区", school: "SD03", rules: { 燃やすごみ: "月 木", 燃やさないごみ: "水3", プラスチック製容器包装: "火", "缶・びん・ペットボトル": "金1 金3", "古紙・布類": "金2 金4", 有害ごみ: "水1" } },
  { name: "川端地区", school: "SD04", rules: { 燃やすごみ: "火 金", 燃やさないごみ: "水4", プラスチック製容器包装: "月", "缶・びん・ペットボトル": "木2 木4", "古紙・布類": "木1 木3", 有害ごみ: "水2" } },
  { name: "東山地区", school: "SD05", rules: { 燃やすごみ: "水 土", 燃やさないごみ: "月1", プラスチック製容器包装: "金", "缶・びん・ペットボトル": "火2 火4", "古紙・布類": "火1 火3", 有害ごみ: "月3" } },
  { name: "西原地区", school: "SD06", rules: { 燃やすごみ: "水 土", 燃やさないごみ: "月2", プラスチック製容器包装: "木", "缶・びん・ペットボトル": "火1 火3", "古紙・布類": "火2 火4", 有害ごみ: "月4" } },
];

type DemoNursery = {
  name: string;
  kana: string;
  type: NurseryTypeValue;
  typeLabel: string;
  district: string;
  /** Offset from the city centre in metres (east, north). */
  at: [number, number];
  minAgeMonths: number;
  maxAgeClass: number;
  agesLabel: string;
  capacity: number;
  hours: [string, string];
  services: { extendedCare?: boolean; temporaryCare?: boolean; holidayCare?: boolean; nightCare?: boolean };
  ownership: string;
  operator: string;
  /** Vacancies per age class 0–5 (absent = not accepted). */
  vacancies: Partial<Record<0 | 1 | 2 | 3 | 4 | 5, VacancyStatusValue>>;
};

const NURSERIES: DemoNursery[] = [
  { name: "みどり市立 本町保育園", kana: "みどりしりつ ほんまちほいくえん", type: "LICENSED", typeLabel: "認可保育所", district: "0201", at: [250, 150], minAgeMonths: 2, maxAgeClass: 5, agesLabel: "産休明け〜就学前", capacity: 120, hours: ["7:00", "19:00"], services: { extendedCare: true, temporaryCare: true }, ownership: "公立", operator: "みどり市", vacancies: { 0: "NONE", 1: "AVAILABLE", 2: "FEW", 3: "NONE", 4: "AVAILABLE", 5: "NONE" } },
  { name: "駅前ひだまり保育園", kana: "えきまえひだまりほいくえん", type: "LICENSED", typeLabel: "認可保育所", district: "0211", at: [-400, 300], minAgeMonths: 6, maxAgeClass: 5, agesLabel: "生後6か月〜就学前", capacity: 90, hours: ["7:00", "20:00"], services: { extendedCare: true }, ownership: "私立", operator: "社会福祉法人 ひだまり会", vacancies: { 0: "AVAILABLE", 1: "NONE", 2: "NONE", 3: "FEW", 4: "NONE", 5: "NONE" } },
  { name: "こども園 みどりの森", kana: "こどもえん みどりのもり", type: "CERTIFIED_CENTER", typeLabel: "幼保連携型認定こども園", district: "0101", at: [600, 700], minAgeMonths: 12, maxAgeClass: 5, agesLabel: "1歳〜就学前", capacity: 150, hours: ["7:30", "19:00"], services: { extendedCare: true, temporaryCare: true }, ownership: "私立", operator: "学校法人 みどり学園", vacancies: { 1: "FEW", 2: "AVAILABLE", 3: "AVAILABLE", 4: "FEW", 5: "NONE" } },
  { name: "ちいさなおうち保育室", kana: "ちいさなおうちほいくしつ", type: "SMALL_SCALE", typeLabel: "小規模保育事業Ａ型", district: "0202", at: [-150, -350], minAgeMonths: 2, maxAgeClass: 2, agesLabel: "産休明け〜2歳児", capacity: 19, hours: ["7:30", "18:30"], services: {}, ownership: "私立", operator: "株式会社 ちいさなおうち", vacancies: { 0: "AVAILABLE", 1: "AVAILABLE", 2: "NONE" } },
  { name: "若葉台保育園", kana: "わかばだいほいくえん", type: "LICENSED", typeLabel: "認可保育所", district: "0301", at: [1500, -900], minAgeMonths: 36, maxAgeClass: 5, agesLabel: "3歳児〜就学前", capacity: 60, hours: ["7:30", "19:00"], services: { extendedCare: true }, ownership: "公立", operator: "みどり市", vacancies: { 3: "AVAILABLE", 4: "AVAILABLE", 5: "FEW" } },
  { name: "ほしぞら夜間保育所", kana: "ほしぞらやかんほいくしょ", type: "UNLICENSED", typeLabel: "認可外保育施設", district: "0212", at: [-900, 1100], minAgeMonths: 6, maxAgeClass: 5, agesLabel: "生後6か月〜就学前", capacity: 30, hours: ["11:00", "26:00"], services: { extendedCare: true, nightCare: true, holidayCare: true, temporaryCare: true }, ownership: "私立", operator: "有限会社 ほしぞら", vacancies: { 0: "FEW", 1: "AVAILABLE", 2: "AVAILABLE", 3: "AVAILABLE", 4: "AVAILABLE", 5: "AVAILABLE" } },
  { name: "川端なかよし保育園", kana: "かわばたなかよしほいくえん", type: "LICENSED", typeLabel: "認可保育所", district: "0401", at: [-1800, -1300], minAgeMonths: 2, maxAgeClass: 5, agesLabel: "産休明け〜就学前", capacity: 100, hours: ["7:00", "19:00"], services: { extendedCare: true, holidayCare: true }, ownership: "私立", operator: "社会福祉法人 なかよし福祉会", vacancies: { 0: "NONE", 1: "NONE", 2: "FEW", 3: "NONE", 4: "NONE", 5: "AVAILABLE" } },
  { name: "東山こども園", kana: "ひがしやまこどもえん", type: "CERTIFIED_CENTER", typeLabel: "幼稚園型認定こども園", district: "0501", at: [2600, 1500], minAgeMonths: 36, maxAgeClass: 5, agesLabel: "3歳〜就学前", capacity: 180, hours: ["8:00", "18:00"], services: { temporaryCare: true }, ownership: "私立", operator: "学校法人 東山学園", vacancies: { 3: "AVAILABLE", 4: "FEW", 5: "FEW" } },
  { name: "にしはら家庭保育室", kana: "にしはらかていほいくしつ", type: "HOME_BASED", typeLabel: "家庭的保育事業", district: "0601", at: [-2700, 600], minAgeMonths: 3, maxAgeClass: 2, agesLabel: "生後3か月〜2歳児", capacity: 5, hours: ["8:00", "18:00"], services: {}, ownership: "私立", operator: "個人（保育ママ）", vacancies: { 0: "AVAILABLE", 1: "NONE", 2: "NONE" } },
  { name: "みどり総合病院 院内保育所", kana: "みどりそうごうびょういん いんないほいくしょ", type: "WORKPLACE", typeLabel: "事業所内保育事業", district: "0103", at: [1100, 2100], minAgeMonths: 2, maxAgeClass: 5, agesLabel: "産休明け〜就学前", capacity: 40, hours: ["7:00", "21:00"], services: { extendedCare: true, nightCare: true, holidayCare: true }, ownership: "私立", operator: "医療法人 みどり会", vacancies: { 0: "FEW", 1: "FEW", 2: "NONE", 3: "NONE", 4: "NONE", 5: "NONE" } },
  { name: "さくら幼稚園", kana: "さくらようちえん", type: "KINDERGARTEN", typeLabel: "幼稚園", district: "0510", at: [3200, -400], minAgeMonths: 36, maxAgeClass: 5, agesLabel: "3歳〜就学前", capacity: 200, hours: ["9:00", "14:00"], services: { extendedCare: true }, ownership: "私立", operator: "学校法人 さくら学園", vacancies: { 3: "AVAILABLE", 4: "AVAILABLE", 5: "AVAILABLE" } },
  { name: "なかす保育園", kana: "なかすほいくえん", type: "LICENSED", typeLabel: "認可保育所", district: "0411", at: [-1200, -2400], minAgeMonths: 6, maxAgeClass: 5, agesLabel: "生後6か月〜就学前", capacity: 80, hours: ["7:15", "19:15"], services: { extendedCare: true, temporaryCare: true }, ownership: "私立", operator: "社会福祉法人 なかす会", vacancies: { 0: "NONE", 1: "AVAILABLE", 2: "AVAILABLE", 3: "FEW", 4: "NONE", 5: "NONE" } },
];

const M_PER_DEG_LAT = 111_320;

/** A point `east` and `north` metres from the centre. */
export function demoPoint(east: number, north: number): { latitude: number; longitude: number } {
  const latitude = DEMO_CITY_CENTRE.latitude + north / M_PER_DEG_LAT;
  const longitude = DEMO_CITY_CENTRE.longitude + east / (M_PER_DEG_LAT * Math.cos((DEMO_CITY_CENTRE.latitude * Math.PI) / 180));
  return { latitude: Math.round(latitude * 1e6) / 1e6, longitude: Math.round(longitude * 1e6) / 1e6 };
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

/** The next 年末年始 (31 Dec – 3 Jan) suspension from `now`. */
function yearEnd(now: Date): { startsOn: Date; endsOn: Date } {
  const year = now.getUTCMonth() === 0 && now.getUTCDate() <= 3 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  return { startsOn: new Date(Date.UTC(year, 11, 31)), endsOn: new Date(Date.UTC(year + 1, 0, 3)) };
}

export async function seedDemoGarbageAndNurseries(db: Db, options: { now?: Date } = {}): Promise<{ seeded: boolean }> {
  if (await db.garbageDictionary.findUnique({ where: { slug: DEMO_DICTIONARY_SLUG } })) return { seeded: false };
  const now = options.now ?? new Date();
  const districts = await db.district.findMany({ include: { schoolDistrict: { select: { code: true } } }, orderBy: { sortOrder: "asc" } });
  const districtByCode = new Map(districts.map((d) => [d.code, d]));

  await db.$transaction(
    async (tx) => {
      await tx.garbageDictionary.updateMany({ where: { active: true }, data: { active: false } });
      const dictionary = await tx.garbageDictionary.create({ data: { slug: DEMO_DICTIONARY_SLUG, name: "みどり市", active: true, source: "デモデータ（架空）" } });
      const dictionaryId = dictionary.id;
      const categoryIds = new Map<string, number>();
      for (const [i, c] of CATEGORIES.entries()) {
        const created = await tx.garbageCategory.create({ data: { dictionaryId, name: c.name, colour: c.colour, description: c.description, sortOrder: i } });
        categoryIds.set(c.name, created.id);
      }
      await tx.garbageItem.createMany({
        data: ITEMS.map((item, i) => ({
          dictionaryId,
          categoryId: categoryIds.get(item.category)!,
          name: item.name,
          reading: item.reading,
          aliases: item.aliases ?? [],
          notice: item.notice ?? "",
          indexLetter: item.reading.slice(0, 1),
          sortOrder: i,
        })),
      });
      const center = await tx.garbageCenter.create({ data: { dictionaryId, name: "みどり市清掃センター" } });
      const suspension = yearEnd(now);
      await tx.garbageSuspension.create({ data: { dictionaryId, ...suspension, note: "年末年始" } });
      for (const [i, a] of AREAS.entries()) {
        const area = await tx.garbageArea.create({ data: { dictionaryId, name: a.name, centerId: center.id, sortOrder: i } });
        await tx.garbageCollectionRule.createMany({
          data: Object.entries(a.rules).map(([category, pattern]) => ({ areaId: area.id, categoryId: categoryIds.get(category)!, pattern: pattern! })),
        });
        const covered = districts.filter((d) => d.schoolDistrict.code === a.school);
        await tx.garbageAreaDistrict.createMany({ data: covered.map((d) => ({ dictionaryId, districtId: d.id, areaId: area.id })) });
      }
      await tx.garbageSynonym.createMany({ data: DEFAULT_SYNONYMS.map(([term, target]) => ({ dictionaryId, term, target })), skipDuplicates: true });
      // Two questions the chat could not answer, so the staff screen has something to turn into synonyms.
      await tx.garbageUnansweredQuery.createMany({
        data: [
          { dictionaryId, normalized: normalizeText("ガラホ"), example: "ガラホ", count: 4, lastSource: "chat" },
          { dictionaryId, normalized: stripQuestion(normalizeText("ホットプレートは何ごみ？")), example: "ホットプレートは何ごみ？", count: 2, lastSource: "liff" },
        ],
      });

      // Nurseries, with each district's representative point on a grid around the centre.
      for (const [i, d] of districts.entries()) {
        const row = Math.floor(i / 6) - 2;
        const col = (i % 6) - 2.5;
        await tx.nurseryDistrictPoint.create({ data: { districtId: d.id, ...demoPoint(col * 1100, row * 1000) } });
      }
      const asOf = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
      for (const n of NURSERIES) {
        const facility = await tx.nurseryFacility.create({
          data: {
            source: "midori",
            externalId: n.kana,
            name: n.name,
            nameKana: n.kana,
            type: n.type,
            typeLabel: n.typeLabel,
            ownership: n.ownership,
            operator: n.operator,
            minAgeMonths: n.minAgeMonths,
            maxAgeClass: n.maxAgeClass,
            agesLabel: n.agesLabel,
            capacity: n.capacity,
            opensAt: minutes(n.hours[0]),
            closesAt: minutes(n.hours[1]),
            extendedCare: n.services.extendedCare ?? false,
            temporaryCare: n.services.temporaryCare ?? false,
            holidayCare: n.services.holidayCare ?? false,
            nightCare: n.services.nightCare ?? false,
            address: `みどり県みどり市${districtByCode.get(n.district)?.name ?? ""}${(Math.abs(n.at[0]) % 9) + 1}-${(Math.abs(n.at[1]) % 20) + 1}`,
            phone: `0000-11-${String(1000 + NURSERIES.indexOf(n)).padStart(4, "0")}`,
            url: "",
            ...demoPoint(n.at[0], n.at[1]),
            districtId: districtByCode.get(n.district)?.id ?? null,
          },
        });
        await tx.nurseryVacancy.createMany({
          data: Object.entries(n.vacancies).map(([ageClass, status]) => ({ facilityId: facility.id, ageClass: Number(ageClass), status: status!, asOf })),
        });
      }
      await writeAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "seed.demo-city",
        target: { type: "garbage-dictionary", id: String(dictionaryId) },
        summary: { garbageItems: ITEMS.length, garbageAreas: AREAS.length, nurseries: NURSERIES.length },
      });
    },
    { timeout: 60_000 },
  );
  return { seeded: true };
}

/** For e2e tests: the demo nurseries' names and places. */
export const DEMO_NURSERIES = NURSERIES.map((n) => ({ name: n.name, type: n.type, ...demoPoint(n.at[0], n.at[1]), minAgeMonths: n.minAgeMonths, maxAgeClass: n.maxAgeClass, extendedCare: n.services.extendedCare ?? false }));
