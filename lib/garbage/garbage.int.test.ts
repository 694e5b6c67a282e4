// The garbage dictionary against a real database: 5374 import (and re-import keeping what refers to
// areas), export, staff edits with audit and version, the search index following the version as
// another instance would, unanswered queries turned into synonyms, areas and next collection days.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedResident, seedStaff } from "@/scripts/test/factories";
import { CLI_ACTOR } from "@/lib/audit/write-audit";
import { importDictionaryFiles, exportDictionary } from "./import";
import { getSearchIndex, invalidateSearchIndex, searchGarbage, VERSION_CHECK_INTERVAL_MS } from "./search";
import { createItem, updateArea } from "./manage";
import { findUnanswered, recordUnanswered, resolveWithSynonym } from "./unanswered";
import { findResidentArea, loadAreaSchedule, monthCalendar, nextCollection, setResidentArea } from "./areas";
import { isoDate, parseIsoDate } from "./schedule";
import { parse5374 } from "./five374";

const t = useTestDatabase();
const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

const FILES = [
  file("target.csv", "type,name,notice,furigana\n燃やすごみ,紙くず,,か\n燃やすごみ,ふとん（50cm以下）,切って出す,ふ\n粗大ごみ,ふとん,申し込み制,ふ\n資源,ペットボトル,キャップを外す,へ\n資源,ビン,,ひ\n"),
  file("description.csv", "label,sublabel,description,styles,bgcolor\n燃やすごみ,,,,#ea3b13\n資源,,,,#77ae1f\n粗大ごみ,,,,#733b96\n"),
  file("area_days.csv", "地名,センター,燃やすごみ,資源\n本町,清掃工場,月 木,水2 水4\n東町,清掃工場,火 金,水1 水3\n"),
  file("center.csv", "名称,休止開始日,休止終了日\n清掃工場,2026/12/29,2027/01/03\n"),
];

async function importCity(slug = "testcity") {
  return importDictionaryFiles(t.db, { files: FILES, slug, name: "テスト市", source: "test", actor: CLI_ACTOR });
}

describe("[GARBAGE] dictionary in the database", () => {
  it("imports 5374 files, becomes the active dictionary, and is audited", async () => {
    const { result, parse } = await importCity();
    expect(parse.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result).toMatchObject({ created: true, active: true, counts: { items: 5, categories: 3, areas: 2, rules: 4, suspensions: 1 } });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "garbage.import" } });
    expect(audit.summary).toMatchObject({ slug: "testcity", items: 5 });
    // Default synonyms come with a new dictionary.
    expect(await t.db.garbageSynonym.count({ where: { dictionaryId: result.dictionaryId, term: "スマホ" } })).toBe(1);
  });

  it("re-imports in place: area ids, residents' chosen areas and staff synonyms survive", async () => {
    const first = await importCity("reimport");
    const area = await t.db.garbageArea.findFirstOrThrow({ where: { dictionaryId: first.result.dictionaryId, name: "本町" } });
    const resident = await seedResident(t.db);
    await setResidentArea(t.db, { residentId: resident.id, areaId: area.id });
    await t.db.garbageSynonym.create({ data: { dictionaryId: first.result.dictionaryId, term: "ぺっと", target: "ペットボトル" } });
    const before = (await t.db.garbageDictionary.findUniqueOrThrow({ where: { id: first.result.dictionaryId } })).version;

    const again = await importCity("reimport");
    expect(again.result).toMatchObject({ dictionaryId: first.result.dictionaryId, created: false });
    expect(await t.db.garbageArea.findUnique({ where: { id: area.id } })).toMatchObject({ name: "本町" });
    expect(await findResidentArea(t.db, { dictionaryId: first.result.dictionaryId, residentId: resident.id })).toEqual({ id: area.id, name: "本町" });
    expect(await t.db.garbageSynonym.count({ where: { dictionaryId: first.result.dictionaryId, term: "ぺっと" } })).toBe(1);
    expect((await t.db.garbageDictionary.findUniqueOrThrow({ where: { id: first.result.dictionaryId } })).version).toBeGreaterThan(before);
  });

  it("exports what it imported", async () => {
    const { result } = await importCity("export");
    const files = await exportDictionary(t.db, result.dictionaryId, { actor: CLI_ACTOR });
    const reparsed = parse5374(files.map((f) => file(f.name, f.text))).dictionary;
    expect(reparsed.items.map((i) => `${i.name}:${i.category}`)).toEqual(["紙くず:燃やすごみ", "ふとん（50cm以下）:燃やすごみ", "ふとん:粗大ごみ", "ペットボトル:資源", "ビン:資源"]);
    expect(reparsed.areas.map((a) => [a.name, a.center, a.rules.map((r) => r.pattern).join("|")])).toEqual([
      ["本町", "清掃工場", "月 木|水2 水4"],
      ["東町", "清掃工場", "火 金|水1 水3"],
    ]);
    expect(reparsed.centers[0]!.suspensions).toEqual([{ startsOn: "2026-12-29", endsOn: "2027-01-03" }]);
  });

  it("searches, and every instance follows a change within a second through the version", async () => {
    const { result } = await importCity("versioned");
    const id = result.dictionaryId;
    const answer = await searchGarbage(t.db, { dictionaryId: id, query: "ふとん" });
    expect(answer.ambiguous).toBe(true);
    expect(answer.answers.map((a) => a.categoryName).sort()).toEqual(["燃やすごみ", "粗大ごみ"]);

    // Another instance changes the dictionary: a row and a version bump, nothing in this process.
    const loaded = await getSearchIndex(t.db, id);
    const category = await t.db.garbageCategory.findFirstOrThrow({ where: { dictionaryId: id, name: "資源" } });
    await t.db.garbageItem.create({ data: { dictionaryId: id, categoryId: category.id, name: "アルミ缶" } });
    await t.db.garbageDictionary.update({ where: { id }, data: { version: { increment: 1 } } });
    const soon = await getSearchIndex(t.db, id, loaded.builtAt + 10);
    expect(soon).toBe(loaded);
    const later = await getSearchIndex(t.db, id, Date.now() + VERSION_CHECK_INTERVAL_MS + 10);
    expect(later.version).toBe(loaded.version + 1);
    expect(later.items.some((i) => i.name === "アルミ缶")).toBe(true);
  });

  it("staff edits are audited, bump the version and are found at once on this instance", async () => {
    const { result } = await importCity("edits");
    const staff = await seedStaff(t.db, { roles: ["EDITOR"] });
    const actor = { id: staff.id, label: staff.name };
    const category = await t.db.garbageCategory.findFirstOrThrow({ where: { dictionaryId: result.dictionaryId, name: "資源" } });
    await searchGarbage(t.db, { dictionaryId: result.dictionaryId, query: "かん" });
    await createItem(t.db, { dictionaryId: result.dictionaryId, name: "空き缶", reading: "あきかん", aliases: ["アルミ缶"], categoryId: category.id, notice: "すすぐ", actor });
    const found = await searchGarbage(t.db, { dictionaryId: result.dictionaryId, query: "アルミ缶" });
    expect(found.answers.map((a) => a.name)).toEqual(["空き缶"]);
    expect(await t.db.auditLog.count({ where: { action: "garbage.item.create", actorId: staff.id } })).toBe(1);
  });

  it("refuses unreadable collection rules with the field and a reason, and saves readable ones", async () => {
    const { result } = await importCity("rules");
    const area = await t.db.garbageArea.findFirstOrThrow({ where: { dictionaryId: result.dictionaryId, name: "本町" } });
    const categories = await t.db.garbageCategory.findMany({ where: { dictionaryId: result.dictionaryId } });
    const burnable = categories.find((c) => c.name === "燃やすごみ")!;
    const district = await t.db.district.create({ data: { code: "T01", name: "本町一丁目", kana: "ほんまち", schoolDistrict: { create: { code: "TS1", name: "本町小" } } } });
    const bad = await updateArea(t.db, { dictionaryId: result.dictionaryId, areaId: area.id, name: "本町", centerId: null, rules: { [burnable.id]: "月曜と木曜" }, districtIds: [], actor: CLI_ACTOR });
    expect(bad).toEqual({ ok: false, errors: { [`rule_${burnable.id}`]: [expect.stringContaining("「月曜と木曜」を収集日として読めません")] } });
    const ok = await updateArea(t.db, { dictionaryId: result.dictionaryId, areaId: area.id, name: "本町", centerId: null, rules: { [burnable.id]: "月 木" }, districtIds: [district.id], actor: CLI_ACTOR });
    expect(ok).toEqual({ ok: true });
    // A registered resident of that district gets this area.
    const resident = await seedResident(t.db, { districtId: district.id });
    expect(await findResidentArea(t.db, { dictionaryId: result.dictionaryId, residentId: resident.id })).toEqual({ id: area.id, name: "本町" });
  });

  it("gives next collection days and a month's calendar, following linked categories and skipping suspensions", async () => {
    const { result } = await importCity("calendar");
    const area = await t.db.garbageArea.findFirstOrThrow({ where: { dictionaryId: result.dictionaryId, name: "本町" } });
    const schedule = (await loadAreaSchedule(t.db, area.id))!;
    const burnable = schedule.categories.find((c) => c.name === "燃やすごみ")!;
    // 2026-12-28 is a Monday; 29 Dec – 3 Jan is suspended.
    expect(isoDate(nextCollection(schedule, burnable.id, parseIsoDate("2026-12-28"))!)).toBe("2026-12-28");
    expect(isoDate(nextCollection(schedule, burnable.id, parseIsoDate("2026-12-29"))!)).toBe("2027-01-04");
    const coarse = schedule.categories.find((c) => c.name === "粗大ごみ")!;
    expect(nextCollection(schedule, coarse.id, parseIsoDate("2026-12-01"))).toBeNull();
    const december = monthCalendar(schedule, 2026, 12);
    expect(december).toHaveLength(31);
    expect(december.find((d) => d.date === "2026-12-09")!.categories.map((c) => c.name)).toEqual(["資源"]);
    expect(december.find((d) => d.date === "2026-12-31")!.suspended).toBe(true);
  });

  it("counts unanswered queries and turns one into a synonym that answers next time", async () => {
    const { result } = await importCity("unanswered");
    const id = result.dictionaryId;
    expect((await searchGarbage(t.db, { dictionaryId: id, query: "PETぼとる" })).answers).toEqual([]);
    await recordUnanswered(t.db, { dictionaryId: id, query: "PETぼとる", source: "chat" });
    await recordUnanswered(t.db, { dictionaryId: id, query: "ＰＥＴぼとる", source: "liff" });
    const open = await findUnanswered(t.db, { dictionaryId: id, status: "open", page: 1, pageSize: 10 });
    expect(open.rows).toEqual([expect.objectContaining({ count: 2, example: "ＰＥＴぼとる", lastSource: "liff" })]);
    await expect(resolveWithSynonym(t.db, { queryId: open.rows[0]!.id, term: "PETぼとる", target: "宇宙船", actor: CLI_ACTOR })).rejects.toThrow(/宇宙船/);
    await resolveWithSynonym(t.db, { queryId: open.rows[0]!.id, term: "PETぼとる", target: "ペットボトル", actor: CLI_ACTOR });
    invalidateSearchIndex(id);
    expect((await searchGarbage(t.db, { dictionaryId: id, query: "petぼとる" })).answers.map((a) => a.name)).toEqual(["ペットボトル"]);
    expect((await findUnanswered(t.db, { dictionaryId: id, status: "open", page: 1, pageSize: 10 })).total).toBe(0);
  });
});
