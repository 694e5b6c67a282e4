import { describe, expect, it } from "vitest";
import { buildSearchIndex, searchIndex, type IndexedItem } from "./search";

let nextId = 1;
function item(name: string, categoryName: string, extra: Partial<IndexedItem> = {}): IndexedItem {
  const id = nextId++;
  return { id, name, reading: "", aliases: [], notice: "", categoryId: categoryName.length * 100 + categoryName.charCodeAt(0), categoryName, colour: "#000000", sortOrder: id, ...extra };
}

const index = buildSearchIndex({
  dictionaryId: 1,
  version: 1,
  items: [
    item("ペットボトル", "資源", { reading: "ぺっとぼとる" }),
    item("ペットボトルのキャップ(容プラ)プラスチック製", "容器包装プラ"),
    item("キャップ(あき缶)80％以上金属製", "資源"),
    item("新聞", "古紙", { reading: "しんぶん" }),
    item("携帯電話(金属)", "小型家電", { reading: "けいたいでんわ" }),
    item("ふとん70cm以下", "燃やすごみ"),
    item("ふとん70cm超える", "粗大ごみ"),
    item("ふとん乾燥機(金属)", "燃やさないごみ"),
    item("ナタ（鉈）(金属)", "燃やさないごみ"),
    item("傘", "燃やさないごみ", { reading: "かさ" }),
    item("湿布", "燃やすごみ", { reading: "しっぷ" }),
  ],
  synonyms: [
    { term: "スマホ", target: "携帯電話" },
    { term: "ふた", target: "キャップ" },
  ],
});

const top = (q: string) => searchIndex(index, q).hits[0]?.name;

describe("[GARBAGE] search", () => {
  it("finds items whatever the script or width", () => {
    expect(top("ペットボトル")).toBe("ペットボトル");
    expect(top("ぺっとぼとる")).toBe("ペットボトル");
    expect(top("ﾍﾟｯﾄﾎﾞﾄﾙ")).toBe("ペットボトル");
    expect(top("しんぶん")).toBe("新聞");
    expect(top("かさ")).toBe("傘");
  });

  it("reduces sentences to the item and prefers the head noun at the end", () => {
    expect(top("ペットボトルのキャップってどうやって捨てるの")).toBe("ペットボトルのキャップ(容プラ)プラスチック製");
    expect(top("湿布は何ごみですか？")).toBe("湿布");
  });

  it("uses synonyms and notes in brackets", () => {
    expect(top("スマホ")).toBe("携帯電話(金属)");
    expect(top("ぺっとぼとるのふた")).toBe("ペットボトルのキャップ(容プラ)プラスチック製");
    expect(top("鉈")).toBe("ナタ（鉈）(金属)");
  });

  it("tolerates a typo", () => {
    const result = searchIndex(index, "ぺっとぼろる");
    expect(result.hits[0]?.name).toBe("ペットボトル");
    expect(result.hits[0]?.match).toBe("fuzzy");
    expect(result.confident).toBe(false);
  });

  it("returns every option when the answer depends on size", () => {
    const result = searchIndex(index, "ふとん");
    expect(result.ambiguous).toBe(true);
    expect(result.answers.map((a) => a.name).sort()).toEqual(["ふとん70cm以下", "ふとん70cm超える"]);
    // A longer name that merely starts the same is a hit, not an answer.
    expect(result.hits.map((h) => h.name)).toContain("ふとん乾燥機(金属)");
  });

  it("prefers the exact item over one that contains it", () => {
    const result = searchIndex(index, "ペットボトル");
    expect(result.answers.map((a) => a.name)).toEqual(["ペットボトル"]);
    expect(result.ambiguous).toBe(false);
    expect(result.confident).toBe(true);
  });

  it("answers nothing rather than something unrelated", () => {
    expect(searchIndex(index, "恐竜の化石").answers).toEqual([]);
    expect(searchIndex(index, "").hits).toEqual([]);
    expect(searchIndex(index, "？？？").hits).toEqual([]);
  });

  it("searches a long query quickly", () => {
    const started = performance.now();
    for (let i = 0; i < 200; i++) searchIndex(index, "すみません、使わなくなったペットボトルのキャップってどうやって捨てるんですか");
    expect((performance.now() - started) / 200).toBeLessThan(5);
  });
});
