// What a resident can register (the LIFF form /liff/register) and staff can target (segments): the
// values stored in the database and their Japanese labels. (No imports: LIFF client components use it.)

/** Preferred languages, in the order the form lists them. The value is stored in resident.preferred_language. */
export const LANGUAGES = [
  { value: "ja", label: "日本語" },
  { value: "ja-easy", label: "やさしい日本語" },
  { value: "en", label: "English" },
  { value: "zh", label: "中文" },
  { value: "ko", label: "한국어" },
  { value: "vi", label: "Tiếng Việt" },
  { value: "pt", label: "Português" },
] as const;
export type Language = (typeof LANGUAGES)[number]["value"];
export const LANGUAGE_CODES = LANGUAGES.map((l) => l.value) as [Language, ...Language[]];
/** Staff-facing names of the languages (the composer's tabs, segment conditions). */
export const LANGUAGE_LABELS_JA: Record<Language, string> = {
  ja: "日本語",
  "ja-easy": "やさしい日本語",
  en: "英語",
  zh: "中国語",
  ko: "韓国語",
  vi: "ベトナム語",
  pt: "ポルトガル語",
};

/** Topics (関心のある分野). */
export const TOPICS = [
  { value: "shisei", label: "市政情報" },
  { value: "bousai", label: "防災" },
  { value: "kosodate", label: "子育て" },
  { value: "kenko", label: "健康・福祉" },
  { value: "event", label: "イベント" },
  { value: "gomi", label: "ごみ・環境" },
  { value: "tetsuzuki", label: "税・手続き" },
  { value: "bunka", label: "文化・スポーツ" },
] as const;
export type Topic = (typeof TOPICS)[number]["value"];
export const TOPIC_CODES = TOPICS.map((t) => t.value) as [Topic, ...Topic[]];

/** Disaster information categories (防災情報の種類). */
export const DISASTER_CATEGORIES = [
  { value: "hinan", label: "避難情報（高齢者等避難・避難指示など）" },
  { value: "kisho", label: "気象警報・注意報" },
  { value: "jishin", label: "地震・津波" },
  { value: "hinanjo", label: "避難所の開設" },
  { value: "lifeline", label: "停電・断水" },
  { value: "bouhan", label: "防犯・不審者情報" },
] as const;
export type DisasterCategory = (typeof DISASTER_CATEGORIES)[number]["value"];
export const DISASTER_CATEGORY_CODES = DISASTER_CATEGORIES.map((c) => c.value) as [DisasterCategory, ...DisasterCategory[]];

export const GENDERS = [
  { value: "FEMALE", label: "女性" },
  { value: "MALE", label: "男性" },
  { value: "OTHER", label: "その他" },
  { value: "UNANSWERED", label: "回答しない" },
] as const;
export type GenderValue = (typeof GENDERS)[number]["value"];
export const GENDER_CODES = GENDERS.map((g) => g.value) as [GenderValue, ...GenderValue[]];

/** Labels staff may attach to residents and target (tags). */
export const TAG_PATTERN = /^[\p{L}\p{N}ー・_-]{1,30}$/u;

export function labelOf<T extends string>(list: readonly { value: T; label: string }[], value: string): string {
  return list.find((item) => item.value === value)?.label ?? value;
}

/** Month numbers (year × 12 + month − 1) stored for children and due months. */
export function toMonthNumber(year: number, month: number): number {
  return year * 12 + (month - 1);
}
export function fromMonthNumber(n: number): { year: number; month: number } {
  return { year: Math.floor(n / 12), month: (n % 12) + 1 };
}
/** "2025-04" ↔ month number. */
export function monthNumberFromInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return toMonthNumber(Number(m[1]), month);
}
export function monthInputFromNumber(n: number): string {
  const { year, month } = fromMonthNumber(n);
  return `${year}-${String(month).padStart(2, "0")}`;
}
/** The month number of a date in Japan time (UTC+9, no daylight saving). */
export function monthNumberInJapan(date: Date): number {
  const jst = new Date(date.getTime() + 9 * 3_600_000);
  return toMonthNumber(jst.getUTCFullYear(), jst.getUTCMonth() + 1);
}
