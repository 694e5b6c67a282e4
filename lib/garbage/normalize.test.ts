import { describe, expect, it } from "vitest";
import { baseName, bigrams, bracketNotes, diceSimilarity, normalizeText, stripQuestion } from "./normalize";

describe("[GARBAGE] normalizeText", () => {
  it("folds script, width, case, small kana and long vowels so variants agree", () => {
    const same = ["ペットボトル", "ぺっとぼとる", "ﾍﾟｯﾄﾎﾞﾄﾙ", "ペット ボトル"];
    expect(new Set(same.map(normalizeText)).size).toBe(1);
    expect(normalizeText("ＩＣレコーダー")).toBe(normalizeText("icれこーだー"));
    expect(normalizeText("ケータイ")).toBe(normalizeText("けいたい"));
    expect(normalizeText("コーヒー")).toBe(normalizeText("こおひい"));
    expect(normalizeText("ヴァイオリン")).toBe(normalizeText("ばいおりん"));
  });
  it("drops punctuation and symbols but keeps kanji", () => {
    expect(normalizeText("傘（かさ）、")).toBe("傘かさ");
    expect(normalizeText("新聞・雑誌")).toBe("新聞雑誌");
  });
});

describe("[GARBAGE] baseName and bracket notes", () => {
  it("removes qualifiers residents do not type", () => {
    expect(baseName("トイレマット（50cm以下）")).toBe("トイレマット");
    expect(baseName("おもちゃ金属部分80％未満　電動以外　70cm以下")).toBe("おもちゃ");
    expect(baseName("キャッププラスチック製以外")).toBe("キャップ");
    expect(baseName("ペットボトルのキャップ(容プラ)プラスチック製")).toBe("ペットボトルのキャップ");
    expect(baseName("テレビ台金属部分80％未満　70cm超える")).toBe("テレビ台");
  });
  it("keeps names that only look like qualifiers", () => {
    expect(baseName("湿布")).toBe("湿布");
    expect(baseName("布類")).toBe("布類");
    expect(baseName("紙")).toBe("紙");
  });
  it("reads notes in brackets", () => {
    expect(bracketNotes("ナタ（鉈）(金属)")).toEqual(["鉈", "金属"]);
    expect(bracketNotes("傘")).toEqual([]);
  });
});

describe("[GARBAGE] stripQuestion", () => {
  const strip = (text: string) => stripQuestion(normalizeText(text));
  it("reduces a whole sentence to the item", () => {
    expect(strip("ペットボトルのキャップってどうやって捨てるの")).toBe(normalizeText("ペットボトルのキャップ"));
    expect(strip("加湿器は何ごみですか？")).toBe(normalizeText("加湿器"));
    expect(strip("使わなくなったミキサーを捨てたい")).toBe(normalizeText("ミキサー"));
    expect(strip("うちわは燃えるごみ？")).toBe(normalizeText("うちわ"));
  });
  it("leaves a plain item alone", () => {
    expect(strip("のこぎり")).toBe(normalizeText("のこぎり"));
    expect(strip("ふたの")).toBe(normalizeText("ふた"));
  });
});

describe("[GARBAGE] bigram similarity", () => {
  it("is 1 for equal strings and falls with typos", () => {
    const a = bigrams("ぺつとぼとる");
    expect(diceSimilarity(a, a)).toBe(1);
    const typo = diceSimilarity(a, bigrams("ぺつとぼろる"));
    expect(typo).toBeGreaterThan(0.5);
    expect(typo).toBeLessThan(1);
    expect(diceSimilarity(a, bigrams("れいぞうこ"))).toBe(0);
  });
});
