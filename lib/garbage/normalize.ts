// Japanese text normalisation for garbage search. Residents type the same item in many ways —
// ペットボトル, ぺっとぼとる, ﾍﾟｯﾄﾎﾞﾄﾙ, ペットボトルのキャップってどうやって捨てるの — and the
// dictionary writes names with qualifiers (「ナタ（鉈）(金属)」「トイレマット（50cm以下）」). Both sides go
// through the same functions, so only equal normalised strings need to match.
//
// No imports: the LIFF page's instant search highlights with the same rules.

const SMALL_KANA: Record<string, string> = {
  ぁ: "あ", ぃ: "い", ぅ: "う", ぇ: "え", ぉ: "お", っ: "つ", ゃ: "や", ゅ: "ゆ", ょ: "よ", ゎ: "わ", ゕ: "か", ゖ: "け",
};

// The vowel each hiragana ends with, for the long-vowel mark (こーひー → こおひい).
const VOWEL_ROWS: [string, string][] = [
  ["あかさたなはまやらわがざだばぱぁゃゎ", "あ"],
  ["いきしちにひみりぎじぢびぴぃ", "い"],
  ["うくすつぬふむゆるぐずづぶぷぅゅゔ", "う"],
  ["えけせてねへめれげぜでべぺぇ", "え"],
  ["おこそとのほもよろをごぞどぼぽぉょ", "お"],
];
const VOWEL_OF = new Map<string, string>();
for (const [chars, vowel] of VOWEL_ROWS) for (const c of chars) VOWEL_OF.set(c, vowel);

const O_ROW = new Set("おこそとのほもよろごぞどぼぽ");
const E_ROW = new Set("えけせてねへめれげぜでべぺ");

/** Katakana (and ヴ, ヵ, ヶ) → hiragana. */
export function toHiragana(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x30a1 && code <= 0x30f6) out += String.fromCodePoint(code - 0x60);
    else out += ch;
  }
  return out;
}

/**
 * The canonical form of a string for matching: NFKC (全角英数→半角, ｶﾅ→カナ), lower case, katakana →
 * hiragana, small kana → large, ー → the vowel before it, おう/えい → おお/ええ (so けいたい, けーたい
 * and ケータイ agree), ヴァ → ば, ゔ → ぶ, and no spaces, punctuation or symbols.
 */
export function normalizeText(text: string): string {
  const folded = toHiragana(text.normalize("NFKC").toLowerCase())
    .replace(/ゔぁ/g, "ば")
    .replace(/ゔぃ/g, "び")
    .replace(/ゔぇ/g, "べ")
    .replace(/ゔぉ/g, "ぼ");
  let out = "";
  for (const ch of folded) {
    if (/[\s\p{P}\p{S}]/u.test(ch) && ch !== "ー" && ch !== "〜" && ch !== "~") continue;
    if (ch === "〜" || ch === "~") continue;
    if (ch === "ー" || ch === "‐" || ch === "−") {
      const previous = out[out.length - 1];
      const vowel = previous ? VOWEL_OF.get(previous) : undefined;
      if (vowel) out += vowel;
      continue;
    }
    if (ch === "ゔ") {
      out += "ぶ";
      continue;
    }
    out += SMALL_KANA[ch] ?? ch;
  }
  // Long vowels written with kana: おう → おお, えい → ええ (そうじき/そーじき, けいたい/けーたい).
  let folded2 = "";
  for (let i = 0; i < out.length; i++) {
    const ch = out[i]!;
    const previous = folded2[folded2.length - 1];
    if (ch === "う" && previous && O_ROW.has(previous)) folded2 += "お";
    else if (ch === "い" && previous && E_ROW.has(previous)) folded2 += "え";
    else folded2 += ch;
  }
  return folded2;
}

// Qualifiers that dictionaries append to names and residents do not type: sizes, materials,
// shares of metal, and the city's own sorting codes in brackets.
const TRAILING_QUALIFIERS: RegExp[] = [
  /(長辺|長さ|直径|一辺|最大辺)?\s*[0-9０-９.．]+\s*(cm|ｃｍ|センチ|m|ｍ|メートル|㎝|kg|ｋｇ|キロ|ℓ|l|リットル)\s*(以上|以下|未満|超える|超え|超|を超えるもの|を超える|まで)?(のもの)?$/i,
  /(金属部分)?\s*[0-9０-９]+\s*[%％]\s*(以上|未満|以下)?\s*(金属製?)?(のもの)?$/,
  /(金属|プラスチック|ガラス|紙|木|布|陶磁器|陶器|ゴム|革|皮|アルミ|スチール|鉄|ステンレス|化学繊維|綿|ビニール|発泡スチロール)(製|製品)(以外)?(のもの)?$/,
  /(袋に入る|袋に入らない|指定袋に入る|指定袋に入らない)(もの)?$/,
  /(汚れている|汚れた|汚れていない|きれいな)(もの)?$/,
  /(家庭用|家庭菜園用|一般家庭用|事業用)$/,
  /(電動以外|電動|充電式|乾電池式)$/,
];

const BRACKETS = /[（(【［\[「『〈《][^）)】］\]」』〉》]*[）)】］\]」』〉》]/g;

/** What residents would call the item: the name without bracketed notes, trailing qualifiers or anything after a space. */
export function baseName(name: string): string {
  let base = name.normalize("NFKC").replace(BRACKETS, " ").trim();
  const space = base.search(/\s/);
  if (space > 0) base = base.slice(0, space);
  for (let pass = 0; pass < 4; pass++) {
    const before = base;
    for (const pattern of TRAILING_QUALIFIERS) {
      const stripped = base.replace(pattern, "").trim();
      if (stripped.length >= 1) base = stripped;
    }
    if (base === before) break;
  }
  return base || name.trim();
}

/** The notes in brackets (「ナタ（鉈）」→ 鉈), which often hold another name or the material. */
export function bracketNotes(name: string): string[] {
  const notes: string[] = [];
  for (const match of name.normalize("NFKC").matchAll(BRACKETS)) {
    const inner = match[0].slice(1, -1).trim();
    if (inner) notes.push(inner);
  }
  return notes;
}

// How residents wrap the item in a question. Matched on the normalised query (hiragana, no
// punctuation), longest first, at the end of the query; then particles left dangling are dropped.
const QUESTION_SUFFIXES = [
  "ってどうやってすてるんですか", "はどうやってすてるんですか", "ってどうやってすてるの", "はどうやってすてるの", "をどうやってすてるの",
  "ってどうやってすてる", "はどうやってすてる", "はどうやってだすの", "ってどうやってだすの", "はどうすてればいいですか", "はどうすてればいい",
  "ってどうやって捨てるんですか", "はどうやって捨てるんですか", "ってどうやって捨てるの", "はどうやって捨てるの", "をどうやって捨てるの",
  "ってどうやって捨てる", "はどうやって捨てる", "はどう捨てればいいですか", "はどう捨てればいい", "ってどう捨てるの", "はどう捨てるの",
  "はどうやって出すの", "ってどうやって出すの", "の出し方を教えて", "の出し方", "の捨て方を教えて", "の捨て方", "のすてかた", "のだしかた",
  "はなにごみですか", "はなにごみ", "ってなにごみ", "はなんごみ", "ってなんごみ", "は何ごみですか", "は何ごみ", "って何ごみ", "は何ゴミ", "って何ゴミ",
  "はなにごみになりますか", "は何ごみになりますか", "はなんのごみ", "は何のごみ", "って何のごみ", "は何曜日", "はいつ",
  "を捨てたいんですが", "を捨てたいんだけど", "を捨てたいのですが", "を捨てたいです", "を捨てたい", "捨てたい", "をすてたい", "すてたい",
  "を処分したい", "を出したい", "はどうすればいいですか", "はどうすればいい", "はどうしたらいいですか", "はどうしたらいい", "どうすればいい",
  "はどこにすてる", "はどこに捨てる", "は燃えるごみ", "は燃えるゴミ", "は燃えないごみ", "は燃えないゴミ", "は資源ごみ",
  "ですか", "でしょうか", "かな", "ですが", "について", "おしえて", "教えて", "をおしえて", "を教えて", "ください",
].map(normalizeText);

const LEADING_PHRASES = ["すみません", "あの", "ねえ", "これ", "この", "ちょっと", "いらない", "要らない", "古い", "ふるい", "使わなくなった", "壊れた", "こわれた", "使い終わった"].map(normalizeText);
const DANGLING_PARTICLES = ["って", "は", "を", "も", "が", "の", "とか", "など", "か", "って", "な"].map(normalizeText);

/**
 * The item a normalised query is about: question phrases around it removed
 * (ぺっとぼとるのきやつぷつてどうやつてすてるの → ぺっとぼとるのきやつぷ). Returns the input when
 * nothing would be left.
 */
export function stripQuestion(normalized: string): string {
  let core = normalized;
  for (let pass = 0; pass < 4; pass++) {
    const before = core;
    for (const suffix of QUESTION_SUFFIXES) {
      if (suffix && core.length > suffix.length && core.endsWith(suffix)) {
        core = core.slice(0, -suffix.length);
        break;
      }
    }
    for (const prefix of LEADING_PHRASES) {
      if (prefix && core.length > prefix.length + 1 && core.startsWith(prefix)) {
        core = core.slice(prefix.length);
        break;
      }
    }
    for (const particle of DANGLING_PARTICLES) {
      if (particle && core.length > particle.length + 1 && core.endsWith(particle)) {
        core = core.slice(0, -particle.length);
        break;
      }
    }
    if (core === before) break;
  }
  return core || normalized;
}

/** Character bigrams (with start/end markers so one-character words still have two). */
export function bigrams(text: string): string[] {
  const chars = Array.from(`\u0002${text}\u0003`);
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Dice coefficient of two bigram multisets (1 = same, 0 = nothing shared). */
export function diceSimilarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const g of a) counts.set(g, (counts.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of b) {
    const n = counts.get(g);
    if (n) {
      shared++;
      counts.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}
