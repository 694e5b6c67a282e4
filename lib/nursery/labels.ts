// Labels and small pure helpers shared by the nursery screens, the LIFF page and the chat.
// No imports with side effects: the LIFF page's client bundle uses this file.

export const NURSERY_TYPES = ["LICENSED", "CERTIFIED_CENTER", "SMALL_SCALE", "HOME_BASED", "WORKPLACE", "UNLICENSED", "KINDERGARTEN", "OTHER"] as const;
export type NurseryTypeValue = (typeof NURSERY_TYPES)[number];

export const NURSERY_TYPE_LABELS: Record<NurseryTypeValue, string> = {
  LICENSED: "認可保育所",
  CERTIFIED_CENTER: "認定こども園",
  SMALL_SCALE: "小規模保育",
  HOME_BASED: "家庭的保育",
  WORKPLACE: "事業所内保育",
  UNLICENSED: "認可外保育施設",
  KINDERGARTEN: "幼稚園",
  OTHER: "その他",
};

export const VACANCY_STATUSES = ["AVAILABLE", "FEW", "NONE", "NOT_ACCEPTED"] as const;
export type VacancyStatusValue = (typeof VACANCY_STATUSES)[number];

export const VACANCY_LABELS: Record<VacancyStatusValue, string> = {
  AVAILABLE: "空きあり",
  FEW: "若干",
  NONE: "空きなし",
  NOT_ACCEPTED: "受け入れなし",
};

/** 年齢クラス 0 … 5 (the child's age on 1 April of the fiscal year). */
export const AGE_CLASSES = [0, 1, 2, 3, 4, 5] as const;
export const AGE_CLASS_LABELS = ["0歳児", "1歳児", "2歳児", "3歳児", "4歳児", "5歳児"] as const;

export const SERVICE_LABELS = {
  extendedCare: "延長保育",
  temporaryCare: "一時保育",
  holidayCare: "休日保育",
  nightCare: "夜間保育",
} as const;
export type ServiceKey = keyof typeof SERVICE_LABELS;
export const SERVICE_KEYS = Object.keys(SERVICE_LABELS) as ServiceKey[];

/** "YYYY-MM" → months since year 0 (year × 12 + month − 1). */
export function monthIndex(yyyyMm: string): number | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(yyyyMm);
  if (!m) return undefined;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  return Number(m[1]) * 12 + month - 1;
}

export function formatMonthIndex(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * The child's age at the start month: in months, and as the age class of that fiscal year
 * (children born January–March are the oldest of their class). Undefined when the child would not
 * be born yet.
 */
export function childAgeAt(birthMonth: string, startMonth: string): { months: number; ageClass: number } | undefined {
  const birth = monthIndex(birthMonth);
  const start = monthIndex(startMonth);
  if (birth === undefined || start === undefined || start < birth) return undefined;
  const startYear = Math.floor(start / 12);
  const fiscalYear = start % 12 >= 3 ? startYear : startYear - 1;
  const birthYear = Math.floor(birth / 12);
  const bornJanToMar = birth % 12 < 3;
  const ageClass = fiscalYear - birthYear - (bornJanToMar ? 0 : 1);
  return { months: start - birth, ageClass: Math.max(0, ageClass) };
}

/** 420 → "7:00" */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h}:${String(m).padStart(2, "0")}`;
}

/** "7:30" / "７時３０分" → 450; undefined when not a time. */
export function parseTimeOfDay(text: string): number | undefined {
  const t = text.normalize("NFKC").trim();
  const m = /^(\d{1,2})(?::|時)(\d{1,2})?分?/.exec(t) ?? /^(\d{1,2})時?$/.exec(t);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  if (h > 30 || min > 59) return undefined;
  return h * 60 + min;
}

/** 1234 → "1.2 km", 380 → "380 m" */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.round(metres / 10) * 10} m`;
  return `${(metres / 1000).toFixed(metres < 10_000 ? 1 : 0)} km`;
}

/** The youngest age in words: 2 → 生後2か月, 36 → 3歳. */
export function formatMinAge(months: number): string {
  if (months <= 2) return "産休明け（生後57日）";
  if (months < 12) return `生後${months}か月`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest ? `${years}歳${rest}か月` : `${years}歳`;
}

/** Great-circle distance in metres (haversine; the Earth's mean radius). */
export function distanceMetres(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const R = 6_371_008.8;
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLng = (lng2 - lng1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}
