// Synthetic residents of the demo city, numbered 1..N. Each one's LINE user id and display name are
// a pure function of its number, computed identically here (for the LINE emulator, which needs the
// same residents as friends) and in SQL (for the seed, which inserts a million rows in one statement).
import { createHash } from "node:crypto";

export const SYNTHETIC_LINE_ID_PREFIX = "kairan-resident-";

// Common Japanese surnames and given names, written in the ways people set their LINE display names.
export const SURNAMES = [
  "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
  "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水",
  "山崎", "森", "池田", "橋本", "阿部", "石川", "山下", "中島", "石井", "小川",
] as const;

export const GIVEN_NAMES = [
  "さくら", "ゆうと", "はると", "ひなた", "陽菜", "蓮", "結衣", "大翔", "美咲", "翔太",
  "Aoi", "Mei", "健太", "あかり", "颯", "真央", "拓海", "莉子", "悠真", "Yui",
  "花子", "太郎", "恵", "誠", "直美", "浩", "Nguyen", "Maria", "Li", "Kim",
] as const;

/** `U` + 32 hex digits, the shape of a real LINE user id (^U[0-9a-f]{32}$). */
export function syntheticLineUserId(n: number): string {
  return `U${createHash("md5").update(`${SYNTHETIC_LINE_ID_PREFIX}${n}`).digest("hex")}`;
}

export function syntheticDisplayName(n: number): string {
  return `${SURNAMES[(n * 7) % SURNAMES.length]} ${GIVEN_NAMES[(n * 13) % GIVEN_NAMES.length]}`;
}

export type SyntheticResident = { n: number; lineUserId: string; displayName: string };

export function syntheticResident(n: number): SyntheticResident {
  return { n, lineUserId: syntheticLineUserId(n), displayName: syntheticDisplayName(n) };
}

/** SQL expressions over an integer column `n` that yield the same values as the functions above. */
export const SYNTHETIC_SQL = {
  lineUserId: (n: string) => `'U' || md5('${SYNTHETIC_LINE_ID_PREFIX}' || ${n}::text)`,
  displayName: (n: string) =>
    `(array[${SURNAMES.map(quote).join(",")}])[((${n}::bigint * 7) % ${SURNAMES.length}) + 1] || ' ' || ` +
    `(array[${GIVEN_NAMES.map(quote).join(",")}])[((${n}::bigint * 13) % ${GIVEN_NAMES.length}) + 1]`,
};

function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
