import { describe, expect, it } from "vitest";
import { classifyFile, export5374, parse5374, type SourceFile } from "./five374";

const utf8 = (name: string, text: string): SourceFile => ({ name, bytes: new TextEncoder().encode(text) });

// "type,name,notice,furigana / 燃やすごみ,紙くず,,か / プラ,ペットボトルのキャップ,外して出す,へ" in Shift_JIS (iconv -t SHIFT_JIS).
const SJIS_TARGET = Uint8Array.from(
  "747970652c6e616d652c6e6f746963652c6675726967616e610d0a945282e282b782b282dd2c8e8682ad82b82c2c82a90d0a837683892c837983628367837b8367838b82cc834c8383836283762c8a4f82b582c48f6f82b72c82d60d0a"
    .match(/../g)!
    .map((h) => parseInt(h, 16)),
);

describe("[GARBAGE] 5374 files", () => {
  it("recognises the files by name, with prefixes and encoding suffixes", () => {
    expect(classifyFile("target.csv")).toBe("target");
    expect(classifyFile("5374_area_days.csv")).toBe("area_days");
    expect(classifyFile("target.sjis.csv")).toBe("target");
    expect(classifyFile("data/description.csv")).toBe("description");
    expect(classifyFile("garbage_dictionary.csv")).toBe("kyoto_dictionary");
    expect(classifyFile("readme.csv")).toBeUndefined();
  });

  it("reads Shift_JIS and UTF-8 (with BOM), links categories and reports what it assumed", () => {
    const result = parse5374([
      { name: "target.csv", bytes: SJIS_TARGET },
      utf8("description.csv", "\ufefflabel,sublabel,description,styles,Bgcolor\r\n燃やすごみ,,週2回,,#EA3B13\r\nプラ,,,,not-a-colour\r\n"),
      utf8("area_days.csv", "地名,センター,燃やすごみ,プラ\n本町,東センター,月 木,水2 水4\n"),
      utf8("center.csv", "名称,休止開始日,休止終了日\n東センター,2026/12/29,2027/1/3\n"),
    ]);
    expect(result.files.find((f) => f.name === "target.csv")).toMatchObject({ encoding: "shift_jis", rows: 2, skipped: 0 });
    expect(result.dictionary.items.map((i) => [i.name, i.category])).toEqual([
      ["紙くず", "燃やすごみ"],
      ["ペットボトルのキャップ", "プラ"],
    ]);
    expect(result.dictionary.categories.find((c) => c.name === "燃やすごみ")?.colour).toBe("#ea3b13");
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: "warning", message: expect.stringContaining("not-a-colour") }));
    expect(result.dictionary.areas).toEqual([{ name: "本町", groupName: "", center: "東センター", rules: [{ category: "燃やすごみ", pattern: "月 木" }, { category: "プラ", pattern: "水2 水4" }], sortOrder: 0 }]);
    expect(result.dictionary.centers).toEqual([{ name: "東センター", suspensions: [{ startsOn: "2026-12-29", endsOn: "2027-01-03" }] }]);
  });

  it("skips broken rows and reports each one with its line", () => {
    const result = parse5374([
      utf8("target.csv", "type,name,notice,furigana\n燃やすごみ,紙くず,,か\n,コンテナ,粗大,こ\n燃やすごみ,,,\n"),
      utf8("area_days.csv", "マスター,地名,センター,燃やすごみ\n1,上賀茂,北,月 木\n1,上賀茂(水1),北,岡本口町\n1,上賀茂,北,月 木\n1,上賀茂,北,火 金\n2,上賀茂,北,火 金\n1,短い行\n"),
      utf8("area_master.csv", "マスター,区名\n1,北区\n2,上京区\n"),
    ]);
    const errors = result.issues.filter((i) => i.severity === "error");
    expect(errors.map((e) => [e.file, e.line])).toEqual([
      ["area_days.csv", 3],
      ["area_days.csv", 5],
      ["area_days.csv", 7],
      ["target.csv", 3],
      ["target.csv", 4],
    ]);
    expect(errors[0]!.message).toMatch(/列がずれている可能性/);
    // The identical duplicate (line 4) is merged with a warning; the same name in another ward is another area.
    expect(result.issues).toContainEqual(expect.objectContaining({ line: 4, severity: "warning" }));
    expect(result.dictionary.areas.map((a) => `${a.groupName}/${a.name}`)).toEqual(["北区/上賀茂", "上京区/上賀茂"]);
    expect(result.dictionary.items).toHaveLength(1);
  });

  it("reads Kyoto's dictionary format: one row per category when the answer depends on material or size", () => {
    const result = parse5374([
      utf8("5374_description.csv", "label,sublabel,description,styles,bgcolor\n燃やすごみ,,,,#ea3b13\n缶 びん ペットボトル,,,,#77ae1f\n"),
      utf8("garbage_dictionary.csv", "品目,読み,読み(カナ),区分,ポイント\nぬいぐるみ,ぬいぐるみ,ヌイグルミ,燃やす 大型,2袋までは燃やす\nペットボトル,ぺっとぼとる,ペットボトル,缶等,\n布類,ぬのるい,ヌノルイ,拠点 燃やす,\n謎,なぞ,ナゾ,宇宙,\n"),
    ]);
    const rows = result.dictionary.items.map((i) => `${i.name}:${i.category}`);
    expect(rows).toEqual(["ぬいぐるみ:燃やすごみ", "ぬいぐるみ:大型ごみ", "ペットボトル:缶 びん ペットボトル", "布類:拠点回収", "布類:燃やすごみ"]);
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining("宇宙") })]);
  });

  it("uses one file of a kind and says which it left out", () => {
    const result = parse5374([utf8("target.utf8.csv", "type,name\nA,x\n"), { name: "target.sjis.csv", bytes: SJIS_TARGET }]);
    expect(result.files.find((f) => f.ignored)?.name).toBe("target.utf8.csv");
    expect(result.dictionary.items).toHaveLength(2);
  });

  it("exports what it imports", () => {
    const files = [
      utf8("target.csv", 'type,name,notice,furigana\n燃やすごみ,紙くず,"濡れたものは水を切る, 乾かす",か\n'),
      utf8("description.csv", "label,sublabel,description,styles,bgcolor\n燃やすごみ,,,,#ea3b13\n"),
      utf8("area_days.csv", "地名,センター,燃やすごみ\n本町,,月 木\n"),
      utf8("center.csv", "名称,休止開始日,休止終了日\n清掃工場,2026/12/31,2027/01/03\n"),
    ];
    const first = parse5374(files).dictionary;
    expect(first.globalSuspensions).toHaveLength(1);
    const exported = export5374({
      categories: first.categories,
      items: first.items,
      areas: first.areas.map((a) => ({ ...a, rules: new Map(a.rules.map((r) => [r.category, r.pattern])) })),
      centers: first.centers,
      globalSuspensions: first.globalSuspensions,
      remarks: first.remarks,
    });
    const again = parse5374(exported.map((f) => utf8(f.name, f.text))).dictionary;
    expect(again.items.map((i) => [i.name, i.category, i.notice])).toEqual([["紙くず", "燃やすごみ", "濡れたものは水を切る, 乾かす"]]);
    expect(again.areas[0]!.rules).toEqual(first.areas[0]!.rules);
    expect(again.globalSuspensions.map((s) => [s.startsOn, s.endsOn])).toEqual([["2026-12-31", "2027-01-03"]]);
  });
});
