// みどり市 — the fictional municipality the demo data describes. Synthetic, written for Kairan:
// no real place, person or address.
import type { StaffRole } from "@/generated/prisma/enums";

export const DEMO_MUNICIPALITY = {
  name: "みどり市",
  nameKana: "みどりし",
  prefecture: "みどり県",
  // 99xxxx is not assigned to any real municipality.
  localGovCode: "999999",
};

export const DEMO_SCHOOL_DISTRICTS = [
  { code: "SD01", name: "緑ヶ丘小学校区" },
  { code: "SD02", name: "本町小学校区" },
  { code: "SD03", name: "若葉台小学校区" },
  { code: "SD04", name: "川端小学校区" },
  { code: "SD05", name: "東山小学校区" },
  { code: "SD06", name: "西原小学校区" },
] as const;

type DistrictSeed = { code: string; name: string; kana: string; school: (typeof DEMO_SCHOOL_DISTRICTS)[number]["code"] };

const KANJI_NUMBERS = ["一", "二", "三", "四", "五"];
const KANA_NUMBERS = ["いっちょうめ", "にちょうめ", "さんちょうめ", "よんちょうめ", "ごちょうめ"];

function chome(base: string, kana: string, count: number, school: DistrictSeed["school"], codeBase: number): DistrictSeed[] {
  return Array.from({ length: count }, (_, i) => ({
    code: String(codeBase + i + 1).padStart(4, "0"),
    name: `${base}${KANJI_NUMBERS[i]}丁目`,
    kana: `${kana}${KANA_NUMBERS[i]}`,
    school,
  }));
}

/** 30 町丁目 in six school districts. */
export const DEMO_DISTRICTS: DistrictSeed[] = [
  ...chome("緑ヶ丘", "みどりがおか", 4, "SD01", 100),
  { code: "0110", name: "みどり台", kana: "みどりだい", school: "SD01" },
  ...chome("本町", "ほんまち", 3, "SD02", 200),
  ...chome("駅前", "えきまえ", 2, "SD02", 210),
  ...chome("若葉台", "わかばだい", 5, "SD03", 300),
  { code: "0310", name: "青葉町", kana: "あおばちょう", school: "SD03" },
  ...chome("川端町", "かわばたちょう", 3, "SD04", 400),
  { code: "0410", name: "新田", kana: "しんでん", school: "SD04" },
  { code: "0411", name: "中洲", kana: "なかす", school: "SD04" },
  ...chome("東山", "ひがしやま", 3, "SD05", 500),
  { code: "0510", name: "桜ヶ丘", kana: "さくらがおか", school: "SD05" },
  ...chome("西原", "にしはら", 3, "SD06", 600),
  { code: "0610", name: "北野", kana: "きたの", school: "SD06" },
  { code: "0611", name: "南が丘", kana: "みなみがおか", school: "SD06" },
];

export const DEMO_DEPARTMENTS = [
  { code: "shimin", name: "市民課" },
  { code: "kosodate", name: "子育て支援課" },
  { code: "fukushi", name: "福祉課" },
  { code: "bousai", name: "防災危機管理課" },
  { code: "kouhou", name: "広報広聴課" },
  { code: "kankyou", name: "環境課" },
  { code: "zeimu", name: "税務課" },
] as const;

export type DemoStaff = {
  email: string;
  name: string;
  roles: StaffRole[];
  departments: (typeof DEMO_DEPARTMENTS)[number]["code"][];
  password: string;
};

/**
 * One account per role, printed by `npm start`. These passwords are public: they exist only in the
 * demo data seeded into the embedded database, never in a production database.
 */
export const DEMO_STAFF: DemoStaff[] = [
  { email: "admin@city-midori.example.jp", name: "管理 花子", roles: ["ADMIN"], departments: ["kouhou"], password: "Midori-Admin-2026" },
  { email: "editor@city-midori.example.jp", name: "起案 太郎", roles: ["EDITOR"], departments: ["kouhou"], password: "Midori-Editor-2026" },
  { email: "approver@city-midori.example.jp", name: "承認 次郎", roles: ["APPROVER"], departments: ["kouhou"], password: "Midori-Approver-2026" },
  { email: "reviewer@city-midori.example.jp", name: "審査 美咲", roles: ["REVIEWER"], departments: ["kosodate"], password: "Midori-Reviewer-2026" },
  { email: "bousai@city-midori.example.jp", name: "防災 健一", roles: ["DISASTER"], departments: ["bousai"], password: "Midori-Bousai-2026" },
  { email: "viewer@city-midori.example.jp", name: "閲覧 由美", roles: ["VIEWER"], departments: ["shimin"], password: "Midori-Viewer-2026" },
];
