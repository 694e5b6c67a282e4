// Reading nursery facility data as cities publish it:
//   • papamama GeoJSON (Code for Sapporo's nurseryFacilities.geojson; dataSpecification.xls): Point
//     features with Type, Name, AgeS/AgeE, Full, Open/Close, Extra/Temp/Holiday/Night/H24 (Y), Add1/Add2,
//     TEL, FAX, Owner, Ownership, url, Vacancy, VacancyDate, Memo. Cities differ (ShaNai, Extra = hours).
//   • CSV with the same papamama columns plus Y/X (Koriyama's source table), or with the column names
//     of the デジタル庁 自治体標準オープンデータセット (名称, 名称_カナ, 種別, 所在地_連結表記, 緯度, 経度,
//     電話番号, 定員, 開始時間/終了時間, 受入年齢, 延長保育, 一時預かり …).
// Rows that cannot be placed on a map or have no name are reported and skipped.
import { decodeText, parseCsv } from "@/lib/garbage/csv";
import { parseTimeOfDay, type NurseryTypeValue } from "@/lib/nursery/labels";

export type ParsedFacility = {
  externalId: string | null;
  name: string;
  nameKana: string;
  type: NurseryTypeValue;
  typeLabel: string;
  ownership: string;
  operator: string;
  minAgeMonths: number;
  maxAgeClass: number;
  agesLabel: string;
  capacity: number | null;
  opensAt: number | null;
  closesAt: number | null;
  hoursNote: string;
  extendedCare: boolean;
  temporaryCare: boolean;
  holidayCare: boolean;
  nightCare: boolean;
  allDayCare: boolean;
  address: string;
  phone: string;
  fax: string;
  url: string;
  note: string;
  latitude: number;
  longitude: number;
  vacancyFlag: boolean | null;
  vacancyNote: string;
};

export type NurseryImportIssue = { line?: number; severity: "error" | "warning"; message: string; row?: string };
export type NurseryParseResult = { format: "papamama-geojson" | "papamama-csv" | "standard-csv"; encoding: string; facilities: ParsedFacility[]; issues: NurseryImportIssue[]; rows: number };

/** Facility type from the source's label (and papamama's Kodomo flag). */
export function nurseryTypeOf(label: string, kodomo = false): NurseryTypeValue {
  const t = label.normalize("NFKC");
  if (kodomo || /こども園|子ども園/.test(t)) return "CERTIFIED_CENTER";
  if (/小規模/.test(t)) return "SMALL_SCALE";
  if (/家庭的|保育ママ|家庭保育/.test(t)) return "HOME_BASED";
  if (/事業所内/.test(t)) return "WORKPLACE";
  if (/認可外|無認可|認証|企業主導|ベビーホテル|届出/.test(t)) return "UNLICENSED";
  if (/幼稚園/.test(t)) return "KINDERGARTEN";
  if (/保育所|保育園|認可/.test(t)) return "LICENSED";
  return "OTHER";
}

/** Youngest age in months: 産休あけ/57日 → 2, 6か月 → 6, 1歳10か月 → 22, 2歳半 → 30, 3歳児 → 36. */
export function parseMinAge(text: string): number | undefined {
  const t = text.normalize("NFKC").replace(/\s/g, "");
  if (!t) return undefined;
  if (/産休|産後/.test(t)) return 2;
  const days = /(\d+)日/.exec(t);
  if (days) return Math.max(0, Math.ceil(Number(days[1]) / 30.4) - 0);
  const years = /(\d+)歳/.exec(t);
  const months = /(\d+)(か月|ヶ月|ケ月|カ月|ヵ月|箇月|ヶ月)/.exec(t);
  if (years || months) {
    let total = (years ? Number(years[1]) * 12 : 0) + (months ? Number(months[1]) : 0);
    if (years && /歳半/.test(t)) total += 6;
    return total;
  }
  return undefined;
}

/** Oldest age class: 就学前 → 5, 2歳児 → 2, 5歳 → 5, 2歳未満 → 1, 学童 → 5. */
export function parseMaxAgeClass(text: string): number | undefined {
  const t = text.normalize("NFKC").replace(/\s/g, "");
  if (!t) return undefined;
  if (/就学前|就学まで|小学校就学|学童/.test(t)) return 5;
  const m = /(\d+)歳/.exec(t);
  if (!m) return undefined;
  let n = Number(m[1]);
  if (/未満/.test(t)) n -= 1;
  return Math.max(0, Math.min(5, n));
}

function yes(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const t = String(value).normalize("NFKC").trim();
  if (/^(y|yes|true|有|有り|あり|○|〇|◯|実施|実施している|可)$/i.test(t)) return true;
  // papamama Extra is sometimes the hours of extended care (1, 2 …).
  const n = Number(t);
  return Number.isFinite(n) && n > 0;
}

function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(/\r\n/g, "\n").trim();
}

function int(value: unknown): number | null {
  const t = text(value).normalize("NFKC").replace(/[,人名]/g, "");
  if (!/^\d+$/.test(t)) return null;
  return Number(t);
}

/** Latitude and longitude in Japan; swapped columns are put right. */
function position(lat: unknown, lng: unknown): { latitude: number; longitude: number } | undefined {
  const a = Number(text(lat).normalize("NFKC"));
  const b = Number(text(lng).normalize("NFKC"));
  if (!Number.isFinite(a) || !Number.isFinite(b) || text(lat) === "" || text(lng) === "") return undefined;
  const inJapan = (la: number, lo: number) => la >= 20 && la <= 46 && lo >= 122 && lo <= 154;
  if (inJapan(a, b)) return { latitude: a, longitude: b };
  if (inJapan(b, a)) return { latitude: b, longitude: a };
  return undefined;
}

type Fields = Record<string, unknown>;

function pick(fields: Fields, ...names: string[]): unknown {
  for (const name of names) if (fields[name] !== undefined && fields[name] !== null && text(fields[name]) !== "") return fields[name];
  return undefined;
}

function facilityFrom(fields: Fields, coordinates: { latitude: number; longitude: number } | undefined, issues: NurseryImportIssue[], line: number | undefined, rowText: string): ParsedFacility | undefined {
  const name = text(pick(fields, "Name", "名称", "施設名"));
  if (!name) {
    issues.push({ line, severity: "error", message: "施設名がありません。", row: rowText });
    return undefined;
  }
  if (!coordinates) {
    issues.push({ line, severity: "error", message: `「${name}」の位置（緯度・経度）がないか、日本の範囲外です。`, row: rowText });
    return undefined;
  }
  const typeLabel = text(pick(fields, "Type", "種別", "施設種別", "施設の種類")) || "その他";
  const agesText = text(pick(fields, "受入年齢", "入所年齢", "対象年齢", "年齢"));
  const [ageFrom, ageTo] = agesText ? agesText.split(/[～〜~\-－ー]|から/).map((s) => s.trim()) : [undefined, undefined];
  const ageS = text(pick(fields, "AgeS", "受入開始年齢", "最低年齢")) || ageFrom || "";
  const ageE = text(pick(fields, "AgeE", "受入終了年齢", "最高年齢")) || ageTo || "";
  const minAge = parseMinAge(ageS);
  const maxAge = parseMaxAgeClass(ageE);
  if (ageS && minAge === undefined) issues.push({ line, severity: "warning", message: `「${name}」の受け入れ年齢（${ageS}）を読めないため、0 か月からとしました。`, row: rowText });
  const openText = text(pick(fields, "Open", "開始時間", "開所時間", "開園時間"));
  const closeText = text(pick(fields, "Close", "終了時間", "閉所時間", "閉園時間"));
  const opensAt = openText ? (parseTimeOfDay(openText) ?? null) : null;
  let closesAt = closeText ? (parseTimeOfDay(closeText) ?? null) : null;
  if (opensAt !== null && closesAt !== null && closesAt <= opensAt) closesAt += 24 * 60; // closes after midnight
  const hoursNotes = [openText && opensAt === null ? `開所 ${openText}` : "", closeText && closesAt === null ? `閉所 ${closeText}` : "", /※/.test(openText) ? openText : ""].filter(Boolean);
  const add1 = text(pick(fields, "Add1", "所在地_連結表記", "住所", "所在地"));
  const add2 = text(pick(fields, "Add2", "建物名等(方書)", "方書"));
  const memo = text(pick(fields, "Memo", "備考"));
  const extendedText = pick(fields, "Extra", "延長保育", "延長保育の有無");
  const vacancy = pick(fields, "Vacancy", "空き状況", "空き");
  return {
    externalId: text(pick(fields, "HID", "ID", "施設ID", "施設番号")) || null,
    name,
    nameKana: text(pick(fields, "名称_カナ", "施設名カナ", "Kana")),
    type: nurseryTypeOf(typeLabel, yes(pick(fields, "Kodomo"))),
    typeLabel,
    ownership: text(pick(fields, "Ownership", "公立私立", "設置主体区分")),
    operator: text(pick(fields, "Owner", "設置者", "運営者", "団体名", "法人名")),
    minAgeMonths: minAge ?? 0,
    maxAgeClass: maxAge ?? 5,
    agesLabel: [ageS, ageE].filter(Boolean).join("〜"),
    capacity: int(pick(fields, "Full", "定員")),
    opensAt,
    closesAt,
    hoursNote: hoursNotes.join(" "),
    extendedCare: yes(extendedText),
    temporaryCare: yes(pick(fields, "Temp", "一時預かり", "一時保育", "一時預かりの有無")),
    holidayCare: yes(pick(fields, "Holiday", "休日保育")),
    nightCare: yes(pick(fields, "Night", "夜間保育")),
    allDayCare: yes(pick(fields, "H24", "24時間保育")),
    address: [add1, add2].filter(Boolean).join(" "),
    phone: text(pick(fields, "TEL", "電話番号")),
    fax: text(pick(fields, "FAX", "FAX番号")),
    url: /^https?:\/\//.test(text(pick(fields, "url", "URL", "ホームページ"))) ? text(pick(fields, "url", "URL", "ホームページ")) : "",
    note: memo,
    latitude: coordinates.latitude,
    longitude: coordinates.longitude,
    vacancyFlag: vacancy === undefined ? null : yes(vacancy),
    vacancyNote: text(pick(fields, "VacancyDate", "空き状況更新日")),
  };
}

export function parsePapamamaGeoJson(source: string): NurseryParseResult {
  const issues: NurseryImportIssue[] = [];
  let data: { type?: string; features?: { geometry?: { type?: string; coordinates?: unknown[] } | null; properties?: Fields | null }[] };
  try {
    data = JSON.parse(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
  } catch {
    return { format: "papamama-geojson", encoding: "utf-8", facilities: [], rows: 0, issues: [{ severity: "error", message: "GeoJSON として読めません。" }] };
  }
  const features = Array.isArray(data.features) ? data.features : [];
  if (data.type !== "FeatureCollection") issues.push({ severity: "warning", message: "FeatureCollection ではありませんが、features を読みました。" });
  const facilities: ParsedFacility[] = [];
  features.forEach((feature, i) => {
    const properties = feature.properties ?? {};
    const coordinates = feature.geometry?.type === "Point" && Array.isArray(feature.geometry.coordinates) ? feature.geometry.coordinates : undefined;
    // GeoJSON points are [longitude, latitude]; papamama also repeats them as Y (lat) and X (lon).
    const place = coordinates ? position(coordinates[1], coordinates[0]) : position(properties.Y, properties.X);
    const parsed = facilityFrom(properties, place, issues, i + 1, text(properties.Name ?? JSON.stringify(properties).slice(0, 120)));
    if (parsed) facilities.push(parsed);
  });
  return { format: "papamama-geojson", encoding: "utf-8", facilities, issues, rows: features.length };
}

export function parseNurseryCsv(bytes: Uint8Array): NurseryParseResult {
  const decoded = decodeText(bytes);
  const rows = parseCsv(decoded.text);
  const header = (rows[0]?.cells ?? []).map((h) => h.replace(/^\ufeff/, "").trim());
  const standard = header.includes("名称") || header.includes("施設名");
  const issues: NurseryImportIssue[] = [];
  if (!header.includes("Name") && !standard) {
    return { format: "standard-csv", encoding: decoded.encoding, facilities: [], rows: 0, issues: [{ severity: "error", message: "見出しに施設名の列（名称 または Name）がありません。" }] };
  }
  const facilities: ParsedFacility[] = [];
  for (const row of rows.slice(1)) {
    const fields: Fields = {};
    header.forEach((h, i) => (fields[h] = row.cells[i]));
    const rowText = row.cells.join(",").slice(0, 160);
    if (row.cells.length !== header.length) {
      issues.push({ line: row.line, severity: "error", message: `列の数が見出し（${header.length} 列）と違います（${row.cells.length} 列）。`, row: rowText });
      continue;
    }
    const place = position(pick(fields, "Y", "緯度", "lat", "latitude"), pick(fields, "X", "経度", "lng", "lon", "longitude"));
    const parsed = facilityFrom(fields, place, issues, row.line, rowText);
    if (parsed) facilities.push(parsed);
  }
  return { format: standard ? "standard-csv" : "papamama-csv", encoding: decoded.encoding, facilities, issues, rows: rows.length - 1 };
}

/** GeoJSON or CSV, by content. */
export function parseNurseryFile(name: string, bytes: Uint8Array): NurseryParseResult {
  const head = new TextDecoder().decode(bytes.slice(0, 200)).replace(/^\ufeff/, "").trimStart();
  if (/\.(geo)?json$/i.test(name) || head.startsWith("{")) return parsePapamamaGeoJson(new TextDecoder().decode(bytes));
  return parseNurseryCsv(bytes);
}
