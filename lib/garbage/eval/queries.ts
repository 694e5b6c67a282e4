// Kairan's evaluation set for garbage search: resident-style queries over the five real 5374
// dictionaries in ../shared/data/garbage (金沢市, 京都市, 亀岡市, 京丹後市, 福知山市), written for Kairan.
// The queries are ours; the expected answers name rows of those datasets by value (item names and
// category names as Kairan imports them — Kyoto's codes become 燃やすごみ, 大型ごみ, 拠点回収 …).
//
// kind: how the query differs from the dictionary's wording —
//   exact      the item as the dictionary writes it
//   hiragana   typed in hiragana (the dictionary has katakana or kanji)
//   katakana   typed in katakana (the dictionary has hiragana or kanji)
//   width      half-width kana or full-width latin
//   typo       one wrong, missing or extra character
//   phrase     a whole sentence around the item
//   synonym    a word residents use that the dictionary does not (スマホ)
//   partial    the start of a longer name, or the name without its qualifier
//   ambiguous  the answer depends on size or material: every option must be shown
//   none       nothing in the dictionary: the answer must be "not found"
export type EvalCity = "kanazawa" | "kyoto-city" | "kameoka" | "kyotango" | "fukuchiyama";
export type EvalKind = "exact" | "hiragana" | "katakana" | "width" | "typo" | "phrase" | "synonym" | "partial" | "ambiguous" | "none";

export type EvalQuery = {
  city: EvalCity;
  query: string;
  kind: EvalKind;
  /** Acceptable best hits, by item name. */
  items?: string[];
  /** Acceptable category of the best hit (when any row of it is right). */
  category?: string;
  /** ambiguous: every one of these categories must be among the answers. */
  options?: string[];
};

/** Folder names under ../shared/data/garbage, and the names the eval imports them with. */
export const EVAL_CITIES: Record<EvalCity, { folder: string; name: string }> = {
  kanazawa: { folder: "kanazawa", name: "金沢市" },
  "kyoto-city": { folder: "kyoto_city", name: "京都市" },
  kameoka: { folder: "kameoka", name: "亀岡市" },
  kyotango: { folder: "kyotango", name: "京丹後市" },
  fukuchiyama: { folder: "fukuchiyama", name: "福知山市" },
};

const K = "kanazawa" as const;
const Q = "kyoto-city" as const;
const M = "kameoka" as const;
const T = "kyotango" as const;
const F = "fukuchiyama" as const;

export const EVAL_QUERIES: EvalQuery[] = [
  // ── 金沢市
  { city: K, query: "ペットボトル", kind: "exact", items: ["ペットボトル(ペット)"] },
  { city: K, query: "おむつ", kind: "exact", items: ["おむつ", "紙おむつ"] },
  { city: K, query: "ぺっとぼとるのふた", kind: "hiragana", items: ["ペットボトルのキャップ(容プラ)プラスチック製"] },
  { city: K, query: "みきさー", kind: "hiragana", items: ["ミキサー(金属)"] },
  { city: K, query: "かしつき", kind: "hiragana", items: ["加湿器(金属)"] },
  { city: K, query: "かさ", kind: "hiragana", items: ["傘"] },
  { city: K, query: "しんぶん", kind: "hiragana", items: ["新聞"] },
  { city: K, query: "オムツ", kind: "katakana", items: ["おむつ", "紙おむつ"] },
  { city: K, query: "ﾍﾟｯﾄﾎﾞﾄﾙのｷｬｯﾌﾟ", kind: "width", items: ["ペットボトルのキャップ(容プラ)プラスチック製"] },
  { city: K, query: "ｽﾌﾟﾚｰ缶", kind: "width", items: ["スプレー缶(スプレー)", "缶(スプレー)スプレー缶"] },
  { city: K, query: "ぺっとぼとろ", kind: "typo", items: ["ペットボトル(ペット)"] },
  { city: K, query: "かしつぎ", kind: "typo", items: ["加湿器(金属)"] },
  { city: K, query: "ラジコンカ", kind: "typo", items: ["ラジコンカー(金属)"] },
  { city: K, query: "ペットボトルのキャップってどうやって捨てるの", kind: "phrase", items: ["ペットボトルのキャップ(容プラ)プラスチック製"] },
  { city: K, query: "加湿器は何ごみですか？", kind: "phrase", items: ["加湿器(金属)"] },
  { city: K, query: "使わなくなったミキサーを捨てたい", kind: "phrase", items: ["ミキサー(金属)"] },
  { city: K, query: "スマホ", kind: "synonym", items: ["携帯電話(金属)"] },
  { city: K, query: "ケータイ", kind: "synonym", items: ["携帯電話(金属)"] },
  { city: K, query: "ラジコン", kind: "partial", items: ["ラジコンカー(金属)"] },
  { city: K, query: "やかん", kind: "partial", items: ["やかん(金属)80％以上金属製"] },
  { city: K, query: "おもちゃ", kind: "ambiguous", options: ["燃やすごみ", "燃やさないごみ"] },
  { city: K, query: "バケツ", kind: "ambiguous", options: ["燃やすごみ", "燃やさないごみ"] },
  { city: K, query: "畳", kind: "ambiguous", options: ["燃やすごみ", "有料粗大ごみ"] },
  { city: K, query: "ふとん", kind: "ambiguous", options: ["燃やすごみ", "有料粗大ごみ"] },
  { city: K, query: "テレビ台", kind: "ambiguous", options: ["燃やすごみ", "燃やさないごみ", "有料粗大ごみ"] },
  { city: K, query: "宇宙船の模型キット", kind: "none" },

  // ── 京都市 (garbage_dictionary.csv: one row per category when several apply)
  { city: Q, query: "ペットボトル", kind: "exact", items: ["ペットボトル"], category: "缶 びん ペットボトル" },
  { city: Q, query: "新聞", kind: "exact", items: ["新聞"] },
  { city: Q, query: "メガネ", kind: "exact", items: ["メガネ"] },
  { city: Q, query: "ぺっとぼとるのきゃっぷ", kind: "hiragana", items: ["ペットボトルのキャップ"] },
  { city: Q, query: "けいたいでんわ", kind: "hiragana", items: ["携帯電話"] },
  { city: Q, query: "かみおむつ", kind: "hiragana", items: ["紙おむつ"] },
  { city: Q, query: "ケイコウカン", kind: "katakana", items: ["蛍光管"] },
  { city: Q, query: "ﾒｶﾞﾈ", kind: "width", items: ["メガネ"] },
  { city: Q, query: "ＩＣレコーダー", kind: "width", items: ["ICレコーダー"] },
  { city: Q, query: "ぺっとぼとるのふた", kind: "synonym", items: ["ペットボトルのキャップ"] },
  { city: Q, query: "スマホ", kind: "synonym", items: ["携帯電話"] },
  { city: Q, query: "めがめ", kind: "typo", items: ["メガネ"] },
  { city: Q, query: "けいこうかn", kind: "typo", items: ["蛍光管"] },
  { city: Q, query: "ペットボトルのキャップってどうやって捨てるの", kind: "phrase", items: ["ペットボトルのキャップ"] },
  { city: Q, query: "紙おむつは何ごみ？", kind: "phrase", items: ["紙おむつ"] },
  { city: Q, query: "古いメガネを捨てたいんですが", kind: "phrase", items: ["メガネ"] },
  { city: Q, query: "ライター", kind: "ambiguous", options: ["拠点回収", "燃やすごみ"] },
  { city: Q, query: "ぬいぐるみ", kind: "ambiguous", options: ["燃やすごみ", "大型ごみ"] },
  { city: Q, query: "せともの", kind: "ambiguous", options: ["拠点回収", "燃やすごみ", "大型ごみ"] },
  { city: Q, query: "キャップ", kind: "ambiguous", options: ["プラスチック製容器包装", "燃やすごみ"] },
  { city: Q, query: "かさ", kind: "ambiguous", options: ["燃やすごみ", "大型ごみ"] },
  { city: Q, query: "扇風機", kind: "ambiguous", options: ["拠点回収", "大型ごみ"] },
  { city: Q, query: "包丁", kind: "ambiguous", options: ["拠点回収", "燃やすごみ"] },
  { city: Q, query: "タイムマシン", kind: "none" },

  // ── 亀岡市 (target.sjis.csv, Shift_JIS)
  { city: M, query: "ペットボトル", kind: "exact", items: ["ペットボトル"] },
  { city: M, query: "うちわ", kind: "exact", items: ["うちわ"] },
  { city: M, query: "紙袋", kind: "exact", items: ["紙袋"] },
  { city: M, query: "ちゃこし", kind: "hiragana", items: ["茶こし"] },
  { city: M, query: "しっぷ", kind: "hiragana", items: ["湿布"] },
  { city: M, query: "だっしめん", kind: "hiragana", items: ["脱脂綿"] },
  { city: M, query: "きゅうばん", kind: "hiragana", items: ["吸盤"] },
  { city: M, query: "スマートフォン", kind: "exact", items: ["スマートフォン"] },
  { city: M, query: "ｳﾁﾜ", kind: "width", items: ["うちわ"] },
  { city: M, query: "のーと", kind: "hiragana", items: ["ノート"] },
  { city: M, query: "すまーとふぉん", kind: "hiragana", items: ["スマートフォン"] },
  { city: M, query: "スマホ", kind: "synonym", items: ["スマートフォン", "携帯電話（ＰＨＳ端末も含む）"] },
  { city: M, query: "ケトル", kind: "partial", items: ["ケトル（金属製）"] },
  { city: M, query: "ぺっとぼとう", kind: "typo", items: ["ペットボトル"] },
  { city: M, query: "だっしめm", kind: "typo", items: ["脱脂綿"] },
  { city: M, query: "湿布ってどうやって捨てるの", kind: "phrase", items: ["湿布"] },
  { city: M, query: "うちわは燃えるごみ？", kind: "phrase", items: ["うちわ"] },
  { city: M, query: "ＩＨ調理器", kind: "ambiguous", options: ["小型家電", "粗大ごみ"] },
  { city: M, query: "扇風機", kind: "ambiguous", options: ["小型家電", "粗大ごみ"] },
  { city: M, query: "キャップ", kind: "ambiguous", options: ["プラスチック", "埋立てるしかないごみ"] },
  { city: M, query: "ふとん乾燥機", kind: "ambiguous", options: ["小型家電", "粗大ごみ"] },
  { city: M, query: "座布団", kind: "ambiguous", options: ["燃やすしかないごみ", "粗大ごみ"] },
  { city: M, query: "人工衛星", kind: "none" },

  // ── 京丹後市
  { city: T, query: "ペットボトルのふた", kind: "exact", items: ["ペットボトルのふた"] },
  { city: T, query: "ヘルメット", kind: "exact", items: ["ヘルメット"] },
  { city: T, query: "ベビーカー", kind: "exact", items: ["ベビーカー"] },
  { city: T, query: "ぺっとぼとるのふた", kind: "hiragana", items: ["ペットボトルのふた"] },
  { city: T, query: "いれば", kind: "hiragana", items: ["入歯"] },
  { city: T, query: "しょうかき", kind: "hiragana", items: ["消火器"] },
  { city: T, query: "げた", kind: "hiragana", items: ["下駄"] },
  { city: T, query: "かんしょうざい", kind: "hiragana", items: ["緩衝材"] },
  { city: T, query: "ハサミ", kind: "katakana", items: ["はさみ"] },
  { city: T, query: "ﾍﾙﾒｯﾄ", kind: "width", items: ["ヘルメット"] },
  { city: T, query: "へるめっと", kind: "hiragana", items: ["ヘルメット"] },
  { city: T, query: "べびいかー", kind: "typo", items: ["ベビーカー"] },
  { city: T, query: "へるめと", kind: "typo", items: ["ヘルメット"] },
  { city: T, query: "スマホ", kind: "synonym", items: ["携帯電話"] },
  { city: T, query: "ペットボトルのキャップ", kind: "synonym", items: ["ペットボトルのふた"] },
  { city: T, query: "牛乳パックはどうやって出すの", kind: "phrase", items: ["牛乳パック"] },
  { city: T, query: "消火器を捨てたいです", kind: "phrase", items: ["消火器"] },
  { city: T, query: "ドライヤー", kind: "exact", items: ["ドライヤー"] },
  { city: T, query: "ペットボトル", kind: "ambiguous", options: ["ペットボトル", "可燃ごみ"] },
  { city: T, query: "下駄箱", kind: "ambiguous", options: ["可燃性粗大ごみ", "不燃性粗大ごみ"] },
  { city: T, query: "恐竜の化石", kind: "none" },

  // ── 福知山市
  { city: F, query: "ペットボトル", kind: "exact", items: ["ペットボトル"] },
  { city: F, query: "本", kind: "exact", items: ["本"] },
  { city: F, query: "瓦", kind: "exact", items: ["瓦"] },
  { city: F, query: "しっぷ", kind: "hiragana", items: ["湿布"] },
  { city: F, query: "かわら", kind: "hiragana", items: ["瓦"] },
  { city: F, query: "はなび", kind: "hiragana", items: ["花火"] },
  { city: F, query: "たまごぱっく", kind: "hiragana", items: ["卵パック"] },
  { city: F, query: "れいぞうこ", kind: "hiragana", items: ["冷蔵庫"] },
  { city: F, query: "ｶｲﾛ", kind: "width", items: ["カイロ（使い捨て）"] },
  { city: F, query: "けいこうかん", kind: "hiragana", items: ["蛍光管"] },
  { city: F, query: "スマホ", kind: "synonym", items: ["携帯電話（スマホ含）"] },
  { city: F, query: "蛍光灯", kind: "synonym", items: ["蛍光管"] },
  { city: F, query: "ぺっとぼとるのらべる", kind: "hiragana", items: ["ペットボトルのラベル"] },
  { city: F, query: "れいぞうご", kind: "typo", items: ["冷蔵庫"] },
  { city: F, query: "ぺっとぼとりのらべる", kind: "typo", items: ["ペットボトルのラベル"] },
  { city: F, query: "肉のトレーはどうやって捨てるの", kind: "phrase", items: ["肉のトレー"] },
  { city: F, query: "使い捨てカイロは何ごみ", kind: "phrase", items: ["カイロ（使い捨て）"] },
  { city: F, query: "カイロ", kind: "partial", items: ["カイロ（使い捨て）"] },
  { city: F, query: "座布団", kind: "ambiguous", options: ["燃やすごみ", "燃やさないごみ"] },
  { city: F, query: "火星の石", kind: "none" },
];
