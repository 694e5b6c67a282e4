// The 5374 format (Code for Kanazawa's 5374.jp, used by many cities): target.csv (items),
// area_days.csv (areas and collection days per category), description.csv (categories),
// center.csv (collection-centre suspensions), remarks.csv (notes referenced as *N). Parsing here is
// pure (files in, a dictionary and a report of unreadable rows out); lib/garbage/import.ts writes it.
//
// Published data varies, and the parser accepts what the real cities publish: UTF-8 with or without
// BOM or Shift_JIS; `type` or `label` for the category column; `Bgcolor`; file names with a prefix
// (5374_target.csv) or an encoding suffix (target.sjis.csv); Kyoto's extra `マスター` column with
// area_master.csv; and Kyoto city's own dictionary format (garbage_dictionary.csv: 品目, 読み,
// 読み(カナ), 区分 with one or more codes, ポイント).
import { decodeText, formatCsv, parseCsv, type CsvRow } from "@/lib/garbage/csv";
import { normalizeText } from "@/lib/garbage/normalize";
import { parseRule } from "@/lib/garbage/schedule";

export type SourceFile = { name: string; bytes: Uint8Array };

export type FileKind = "target" | "area_days" | "description" | "center" | "remarks" | "area_master" | "kyoto_dictionary";

export type ImportIssue = {
  file: string;
  line?: number;
  /** error = the row could not be read and was skipped; warning = read, with an assumption or repair stated. */
  severity: "error" | "warning";
  message: string;
  /** The row as it was in the file (for the report). */
  row?: string;
};

export type ParsedCategory = { name: string; sublabel: string; description: string; colour: string; icon: string; sortOrder: number; scheduleCategory?: string };
export type ParsedItem = { name: string; category: string; notice: string; indexLetter: string; reading: string; aliases: string[]; sortOrder: number };
export type ParsedArea = { name: string; groupName: string; center: string; rules: { category: string; pattern: string }[]; sortOrder: number };
export type ParsedCenter = { name: string; suspensions: { startsOn: string; endsOn: string }[] };
export type ParsedDictionary = {
  categories: ParsedCategory[];
  items: ParsedItem[];
  areas: ParsedArea[];
  centers: ParsedCenter[];
  /** Suspensions for every area (centre.csv periods when area_days.csv names no centre). */
  globalSuspensions: { startsOn: string; endsOn: string; note: string }[];
  remarks: { number: number; text: string }[];
};

export type FileSummary = { name: string; kind: FileKind; encoding: string; rows: number; skipped: number; ignored?: boolean };
export type ParseResult = { dictionary: ParsedDictionary; issues: ImportIssue[]; files: FileSummary[] };

/** Kyoto city's dictionary codes (区分) → category names (the legend of the city's own app, GarbageType). */
export const KYOTO_CATEGORY_CODES: Record<string, string> = {
  燃やす: "燃やすごみ",
  缶等: "缶・びん・ペットボトル",
  プラ: "プラスチック製容器包装",
  小金: "小型金属類",
  大型: "大型ごみ",
  拠回: "拠点回収",
  // Written once as 拠点 in the published file; the same code.
  拠点: "拠点回収",
  雑がみ: "雑がみ",
  リ法: "家電リサイクル法等の対象",
  店頭: "販売店等の自主回収",
  新聞: "新聞",
  ダンボール: "ダンボール",
  禁止: "市では回収しない",
};

/** Default colour for a category the data gives none (DADS solid-gray-700). */
export const DEFAULT_CATEGORY_COLOUR = "#626264";

const FILE_PATTERN = /^(?:.*?[_-])?(target|area_days|description|center|remarks|area_master)(?:[._-][\w-]+)?\.csv$/i;

/** Which 5374 file a file name is (target.csv, 5374_target.csv, target.sjis.csv …). */
export function classifyFile(name: string): FileKind | undefined {
  const base = name.split(/[\\/]/).pop() ?? name;
  if (/^garbage_dictionary(?:[._-][\w-]+)?\.csv$/i.test(base)) return "kyoto_dictionary";
  const m = FILE_PATTERN.exec(base);
  return m ? (m[1]!.toLowerCase() as FileKind) : undefined;
}

type Table = { file: string; header: string[]; rows: CsvRow[]; encoding: string };

function readTable(file: SourceFile): Table {
  const decoded = decodeText(file.bytes);
  const rows = parseCsv(decoded.text);
  const header = (rows[0]?.cells ?? []).map((h) => h.replace(/^\ufeff/, "").trim());
  return { file: file.name, header, rows: rows.slice(1), encoding: decoded.encoding };
}

function column(header: string[], names: string[]): number {
  const lower = header.map((h) => h.toLowerCase());
  for (const name of names) {
    const i = lower.indexOf(name.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}

function rowText(row: CsvRow): string {
  return row.cells.join(",").replace(/\r?\n/g, "⏎").slice(0, 200);
}

function clean(value: string | undefined): string {
  return (value ?? "").replace(/\r\n/g, "\n").trim();
}

/** The canonical key for matching category names written slightly differently (「缶・びん」＝「缶 びん」). */
export function categoryKey(name: string): string {
  return normalizeText(name);
}

/**
 * Parses the files of one 5374 folder. Rows that cannot be read are skipped and reported as
 * errors; assumptions (a category missing from description.csv, a duplicate file) are warnings.
 */
export function parse5374(files: SourceFile[]): ParseResult {
  const issues: ImportIssue[] = [];
  const summaries: FileSummary[] = [];
  const byKind = new Map<FileKind, SourceFile>();
  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const kind = classifyFile(file.name);
    if (!kind) continue;
    const existing = byKind.get(kind);
    // Prefer the plain name (target.csv) over variants (target.sjis.csv, 5374_target.csv).
    if (existing) {
      const plain = (n: string) => /^(target|area_days|description|center|remarks|area_master|garbage_dictionary)\.csv$/i.test(n.split(/[\\/]/).pop() ?? n);
      const keep = plain(file.name) && !plain(existing.name) ? file : existing;
      const skip = keep === file ? existing : file;
      byKind.set(kind, keep);
      issues.push({ file: skip.name, severity: "warning", message: `同じ種類のファイル（${keep.name}）があるため、このファイルは読み込みませんでした。` });
      summaries.push({ name: skip.name, kind, encoding: decodeText(skip.bytes).encoding, rows: 0, skipped: 0, ignored: true });
      continue;
    }
    byKind.set(kind, file);
  }
  if (!byKind.has("target") && !byKind.has("kyoto_dictionary")) {
    issues.push({ file: "target.csv", severity: "error", message: "品目のファイル（target.csv）が見つかりません。" });
  }

  const dictionary: ParsedDictionary = { categories: [], items: [], areas: [], centers: [], globalSuspensions: [], remarks: [] };
  const categoryByKey = new Map<string, ParsedCategory>();
  const ensureCategory = (name: string, from: string): ParsedCategory => {
    const key = categoryKey(name);
    let category = categoryByKey.get(key);
    if (!category) {
      category = { name, sublabel: "", description: "", colour: DEFAULT_CATEGORY_COLOUR, icon: "", sortOrder: dictionary.categories.length };
      categoryByKey.set(key, category);
      dictionary.categories.push(category);
      if (from) issues.push({ file: from, severity: "warning", message: `分別区分「${name}」は description.csv にないため、追加しました（色は既定の灰色です）。` });
    }
    return category;
  };

  // description.csv first, so its order and colours win.
  const description = byKind.get("description");
  if (description) {
    const table = readTable(description);
    const label = column(table.header, ["label", "名称", "分別区分"]);
    const sublabel = column(table.header, ["sublabel"]);
    const desc = column(table.header, ["description", "説明"]);
    const styles = column(table.header, ["styles", "style", "icon"]);
    const bgcolor = column(table.header, ["bgcolor", "color", "colour", "色"]);
    let skipped = 0;
    for (const row of table.rows) {
      const name = clean(row.cells[label >= 0 ? label : 0]);
      if (!name) {
        skipped++;
        issues.push({ file: table.file, line: row.line, severity: "error", message: "分別区分の名前（label）がありません。", row: rowText(row) });
        continue;
      }
      const key = categoryKey(name);
      if (categoryByKey.has(key)) {
        skipped++;
        issues.push({ file: table.file, line: row.line, severity: "error", message: `分別区分「${name}」が重複しています。`, row: rowText(row) });
        continue;
      }
      let colour = clean(row.cells[bgcolor]);
      if (colour && !/^#[0-9a-f]{6}$/i.test(colour)) {
        issues.push({ file: table.file, line: row.line, severity: "warning", message: `色「${colour}」を読めないため、既定の灰色にしました。`, row: rowText(row) });
        colour = "";
      }
      const category: ParsedCategory = {
        name,
        sublabel: clean(row.cells[sublabel]),
        description: clean(row.cells[desc]),
        colour: colour ? colour.toLowerCase() : DEFAULT_CATEGORY_COLOUR,
        icon: clean(row.cells[styles]),
        sortOrder: dictionary.categories.length,
      };
      categoryByKey.set(key, category);
      dictionary.categories.push(category);
    }
    summaries.push({ name: table.file, kind: "description", encoding: table.encoding, rows: table.rows.length, skipped });
  }

  // area_master.csv (Kyoto): ward id → ward name.
  const groups = new Map<string, string>();
  const master = byKind.get("area_master");
  if (master) {
    const table = readTable(master);
    let skipped = 0;
    for (const row of table.rows) {
      const id = clean(row.cells[0]);
      const name = clean(row.cells[1]);
      if (!id || !name) {
        skipped++;
        issues.push({ file: table.file, line: row.line, severity: "error", message: "番号と名前の両方が必要です。", row: rowText(row) });
        continue;
      }
      groups.set(id, name);
    }
    summaries.push({ name: table.file, kind: "area_master", encoding: table.encoding, rows: table.rows.length, skipped });
  }

  // center.csv: one row per suspension period; a centre may have several rows (one per year).
  const centers = new Map<string, ParsedCenter>();
  const center = byKind.get("center");
  if (center) {
    const table = readTable(center);
    const name = column(table.header, ["名称", "name", "センター"]);
    const start = column(table.header, ["休止開始日", "start"]);
    const end = column(table.header, ["休止終了日", "end"]);
    let skipped = 0;
    for (const row of table.rows) {
      const centerName = clean(row.cells[name >= 0 ? name : 0]);
      if (!centerName) {
        skipped++;
        issues.push({ file: table.file, line: row.line, severity: "error", message: "センターの名称がありません。", row: rowText(row) });
        continue;
      }
      const entry = centers.get(centerName) ?? { name: centerName, suspensions: [] };
      centers.set(centerName, entry);
      const startText = clean(row.cells[start >= 0 ? start : 1]);
      const endText = clean(row.cells[end >= 0 ? end : 2]);
      if (!startText && !endText) continue;
      const startsOn = parseSlashDate(startText);
      const endsOn = parseSlashDate(endText || startText);
      if (!startsOn || !endsOn || endsOn < startsOn) {
        skipped++;
        issues.push({ file: table.file, line: row.line, severity: "error", message: "休止期間の日付を読めません（2026/12/29 の形で、終了日は開始日以降にしてください）。", row: rowText(row) });
        continue;
      }
      entry.suspensions.push({ startsOn, endsOn });
    }
    summaries.push({ name: table.file, kind: "center", encoding: table.encoding, rows: table.rows.length, skipped });
  }

  // remarks.csv
  const remarks = byKind.get("remarks");
  if (remarks) {
    const table = readTable(remarks);
    let skipped = 0;
    for (const row of table.rows) {
      const number = Number(clean(row.cells[0]).normalize("NFKC"));
      const text = clean(row.cells[1]);
      if (!Number.isInteger(number) || number < 1 || !text) {
        skipped++;
        issues.push({ file: table.file, line: row.line, severity: "error", message: "ID（1 以上の整数）と注意事項が必要です。", row: rowText(row) });
        continue;
      }
      dictionary.remarks.push({ number, text });
    }
    summaries.push({ name: table.file, kind: "remarks", encoding: table.encoding, rows: table.rows.length, skipped });
  }

  // area_days.csv: [マスター,] 地名, センター, one column per category.
  const scheduleColumns: string[] = [];
  const areaDays = byKind.get("area_days");
  if (areaDays) {
    const table = readTable(areaDays);
    const hasMaster = table.header[0] === "マスター";
    const nameCol = hasMaster ? 1 : 0;
    const centerCol = table.header[nameCol + 1] === "センター" ? nameCol + 1 : -1;
    const firstCategory = centerCol >= 0 ? centerCol + 1 : nameCol + 1;
    const categoryNames = table.header.slice(firstCategory);
    if (centerCol < 0) issues.push({ file: table.file, severity: "warning", message: "「センター」の列がないため、3 列目以降を分別区分として読みました。" });
    for (const name of categoryNames) {
      if (!name) continue;
      const category = categoryByKey.get(categoryKey(name)) ?? ensureCategory(name, table.file);
      scheduleColumns.push(category.name);
    }
    const seen = new Map<string, CsvRow>();
    const remarkNumbers = new Set(dictionary.remarks.map((r) => r.number));
    let skipped = 0;
    for (const row of table.rows) {
      if (row.cells.length !== table.header.length) {
        skipped++;
        issues.push({ file: table.file, line: row.line, severity: "error", message: `列の数が見出し（${table.header.length} 列）と違います（${row.cells.length} 列）。`, row: rowText(row) });
        continue;
      }
      const name = clean(row.cells[nameCol]);
      if (!name) {
        skipped++;
        issues.push({ file: table.file, line: row.line, severity: "error", message: "地名がありません。", row: rowText(row) });
        continue;
      }
      let groupName = "";
      if (hasMaster) {
        const id = clean(row.cells[0]);
        groupName = groups.get(id) ?? id;
      }
      const key = `${groupName}\u0000${name}`;
      const earlier = seen.get(key);
      if (earlier) {
        const same = earlier.cells.slice(nameCol).join(",") === row.cells.slice(nameCol).join(",");
        if (same) {
          issues.push({ file: table.file, line: row.line, severity: "warning", message: `${earlier.line} 行目と同じ内容の行のため、1 つにまとめました。`, row: rowText(row) });
        } else {
          skipped++;
          issues.push({ file: table.file, line: row.line, severity: "error", message: `地名「${name}」は ${earlier.line} 行目にもあり、収集日が違います（${earlier.line} 行目を使いました）。`, row: rowText(row) });
        }
        continue;
      }
      const rules: ParsedArea["rules"] = [];
      const problems: string[] = [];
      categoryNames.forEach((header, i) => {
        const cell = clean(row.cells[firstCategory + i]);
        if (!header) return;
        const parsed = parseRule(cell);
        if (!parsed.ok) problems.push(`${header}: ${parsed.error}`);
        else {
          if (!parsed.rule.none) rules.push({ category: scheduleColumns[i]!, pattern: cell.normalize("NFKC").replace(/\s+/g, " ").trim() });
          for (const n of parsed.rule.remarks) {
            if (!remarkNumbers.has(n)) problems.push(`${header}: 注意事項 *${n} が remarks.csv にありません`);
          }
        }
      });
      const unreadable = problems.filter((p) => !p.includes("remarks.csv"));
      if (unreadable.length) {
        skipped++;
        issues.push({ file: table.file, line: row.line, severity: "error", message: `収集日を読めません（${unreadable.join(" / ")}）。列がずれている可能性があります。`, row: rowText(row) });
        continue;
      }
      for (const p of problems) issues.push({ file: table.file, line: row.line, severity: "warning", message: `${p}（注意事項なしで読み込みました）。`, row: rowText(row) });
      seen.set(key, row);
      const centerName = centerCol >= 0 ? clean(row.cells[centerCol]) : "";
      if (centerName && !centers.has(centerName)) centers.set(centerName, { name: centerName, suspensions: [] });
      dictionary.areas.push({ name, groupName, center: centerName, rules, sortOrder: dictionary.areas.length });
    }
    summaries.push({ name: table.file, kind: "area_days", encoding: table.encoding, rows: table.rows.length, skipped });
  }
  dictionary.centers = [...centers.values()];
  if (dictionary.areas.length > 0 && dictionary.areas.every((a) => !a.center)) {
    // No area names a centre, so a centre's suspension can only mean the whole city's.
    for (const c of dictionary.centers) {
      for (const s of c.suspensions) dictionary.globalSuspensions.push({ ...s, note: c.name });
      if (c.suspensions.length) {
        issues.push({ file: "center.csv", severity: "warning", message: `area_days.csv にセンターの指定がないため、「${c.name}」の休止期間をすべての地区に適用しました。` });
      }
      c.suspensions = [];
    }
  }

  // target.csv
  const target = byKind.get("target");
  if (target) {
    const table = readTable(target);
    const typeCol = column(table.header, ["type", "label", "種別", "分類", "分別区分"]);
    const nameCol = column(table.header, ["name", "品目", "品名"]);
    const noticeCol = column(table.header, ["notice", "注意事項", "備考", "出し方"]);
    const furiganaCol = column(table.header, ["furigana", "ふりがな"]);
    const readingCol = column(table.header, ["reading", "読み", "よみ"]);
    const aliasesCol = column(table.header, ["aliases", "別名"]);
    const positional = typeCol < 0 || nameCol < 0;
    if (positional) issues.push({ file: table.file, severity: "warning", message: "見出し（type, name, notice, furigana）を読めないため、列の順番で読みました。" });
    const t = positional ? 0 : typeCol;
    const n = positional ? 1 : nameCol;
    const no = positional ? 2 : noticeCol;
    const f = positional ? 3 : furiganaCol;
    let skipped = 0;
    for (const row of table.rows) {
      const name = clean(row.cells[n]);
      const categoryName = clean(row.cells[t]);
      if (!name || !categoryName) {
        skipped++;
        issues.push({
          file: table.file,
          line: row.line,
          severity: "error",
          message: !name ? "品目名（name）がありません。" : `品目「${name}」の分別区分（type）がありません。`,
          row: rowText(row),
        });
        continue;
      }
      let notice = clean(row.cells[no]);
      if (row.cells.length > table.header.length && !positional) {
        // An unquoted comma inside the notice splits it: keep the text together.
        notice = clean(row.cells.slice(no, row.cells.length - (table.header.length - 1 - no)).join(","));
        issues.push({ file: table.file, line: row.line, severity: "warning", message: "列が多いため、余分な列を注意事項（notice）につなげました。", row: rowText(row) });
      }
      const category = ensureCategory(categoryName, table.file);
      dictionary.items.push({
        name,
        category: category.name,
        notice,
        indexLetter: clean(row.cells[f]).slice(0, 8),
        reading: readingCol >= 0 ? clean(row.cells[readingCol]) : "",
        aliases: aliasesCol >= 0 ? splitList(row.cells[aliasesCol]) : [],
        sortOrder: dictionary.items.length,
      });
    }
    summaries.push({ name: table.file, kind: "target", encoding: table.encoding, rows: table.rows.length, skipped });
  }

  // garbage_dictionary.csv (Kyoto city): one row per item, one or more codes per row.
  const kyoto = byKind.get("kyoto_dictionary");
  if (kyoto) {
    const table = readTable(kyoto);
    const nameCol = column(table.header, ["品目"]);
    const readingCol = column(table.header, ["読み"]);
    const codesCol = column(table.header, ["区分"]);
    const pointCol = column(table.header, ["ポイント"]);
    let skipped = 0;
    if (nameCol < 0 || codesCol < 0) {
      issues.push({ file: table.file, severity: "error", message: "見出しに「品目」と「区分」が必要です。" });
    } else {
      for (const row of table.rows) {
        const name = clean(row.cells[nameCol]);
        const codes = clean(row.cells[codesCol]).normalize("NFKC").split(/\s+/).filter(Boolean);
        if (!name || codes.length === 0) {
          skipped++;
          issues.push({ file: table.file, line: row.line, severity: "error", message: !name ? "品目がありません。" : `品目「${name}」の区分がありません。`, row: rowText(row) });
          continue;
        }
        const unknown = codes.filter((code) => !KYOTO_CATEGORY_CODES[code]);
        if (unknown.length) {
          skipped++;
          issues.push({ file: table.file, line: row.line, severity: "error", message: `区分「${unknown.join("・")}」は京都市の区分にありません。`, row: rowText(row) });
          continue;
        }
        if (codes.includes("拠点")) issues.push({ file: table.file, line: row.line, severity: "warning", message: "区分「拠点」は「拠回」（拠点回収）として読みました。", row: rowText(row) });
        const reading = readingCol >= 0 ? clean(row.cells[readingCol]) : "";
        const notice = pointCol >= 0 ? clean(row.cells[pointCol]) : "";
        // Several codes: the answer depends on material or size (explained in ポイント). One row
        // per category, so search offers every option.
        for (const code of [...new Set(codes.map((c) => KYOTO_CATEGORY_CODES[c]!))]) {
          const category = ensureCategory(code, "");
          dictionary.items.push({ name, category: category.name, notice, indexLetter: reading.slice(0, 1), reading, aliases: [], sortOrder: dictionary.items.length });
        }
      }
    }
    summaries.push({ name: table.file, kind: "kyoto_dictionary", encoding: table.encoding, rows: table.rows.length, skipped });
  }

  linkScheduleCategories(dictionary, scheduleColumns, issues);
  return { dictionary, issues, files: summaries };
}

function splitList(value: string | undefined): string[] {
  return clean(value)
    .split(/[、,|／/]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** 2026/12/29 or 2026-12-29 → "2026-12-29". */
function parseSlashDate(text: string): string | undefined {
  const m = /^(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?$/.exec(text.normalize("NFKC").trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

function parts(name: string): string[] {
  return name
    .normalize("NFKC")
    .replace(/[（(][^）)]*[）)]/g, " ")
    .split(/[・･\s、,／/]+/)
    .map((p) => normalizeText(p).replace(/ごみ$/, "").replace(/類$/, ""))
    .filter((p) => p.length >= 2);
}

// Categories residents cannot put out on a collection day (by application, brought in, not
// collected): never linked to a collection column, whatever their name shares with one.
const NOT_ON_COLLECTION_DAYS = /粗大|収集不可|収集しない|回収しない|受け?入れできない|自己搬入|持ち込み|拠点|店頭|販売店|小型家電|リサイクル法|有料/;

/**
 * A category without its own column in area_days.csv is collected on the days of a column whose
 * name covers it: ビン → 空きカン・スプレー缶・空きビン・小型金属類, 小型金属類 → 小型金属. Each link is
 * reported so staff can check it (and change it in the staff screen).
 */
export function linkScheduleCategories(dictionary: ParsedDictionary, scheduleColumns: string[], issues: ImportIssue[]): void {
  if (scheduleColumns.length === 0) return;
  const columns = new Set(scheduleColumns);
  for (const category of dictionary.categories) {
    if (columns.has(category.name) || NOT_ON_COLLECTION_DAYS.test(category.name)) continue;
    const mine = parts(category.name);
    const match = scheduleColumns.find((column) => {
      const theirs = parts(column);
      return mine.some((p) => theirs.some((q) => p === q || q.endsWith(p)));
    });
    if (match) {
      category.scheduleCategory = match;
      issues.push({ file: "area_days", severity: "warning", message: `分別区分「${category.name}」は「${match}」の収集日に出すものとしました。` });
    }
  }
}

// ── export

export type ExportSource = {
  categories: { name: string; sublabel: string; description: string; colour: string; icon: string }[];
  items: { name: string; category: string; notice: string; indexLetter: string; reading: string; aliases: string[] }[];
  areas: { name: string; groupName: string; center: string; rules: Map<string, string> }[];
  centers: { name: string; suspensions: { startsOn: string; endsOn: string }[] }[];
  globalSuspensions: { startsOn: string; endsOn: string; note: string }[];
  remarks: { number: number; text: string }[];
};

/** The dictionary as 5374 files (UTF-8, CRLF). Adds `reading` and `aliases` columns to target.csv (5374 apps ignore extra columns). */
export function export5374(source: ExportSource): { name: string; text: string }[] {
  const scheduleCategories = source.categories.filter((c) => source.areas.some((a) => a.rules.has(c.name)));
  const grouped = source.areas.some((a) => a.groupName);
  const groupIds = new Map<string, number>();
  for (const area of source.areas) if (area.groupName && !groupIds.has(area.groupName)) groupIds.set(area.groupName, groupIds.size + 1);
  const files = [
    {
      name: "target.csv",
      text: formatCsv([
        ["type", "name", "notice", "furigana", "reading", "aliases"],
        ...source.items.map((i) => [i.category, i.name, i.notice, i.indexLetter, i.reading, i.aliases.join("、")]),
      ]),
    },
    {
      name: "description.csv",
      text: formatCsv([["label", "sublabel", "description", "styles", "bgcolor"], ...source.categories.map((c) => [c.name, c.sublabel, c.description, c.icon, c.colour])]),
    },
    {
      name: "area_days.csv",
      text: formatCsv([
        [...(grouped ? ["マスター"] : []), "地名", "センター", ...scheduleCategories.map((c) => c.name)],
        ...source.areas.map((a) => [
          ...(grouped ? [a.groupName ? String(groupIds.get(a.groupName)) : ""] : []),
          a.name,
          a.center,
          ...scheduleCategories.map((c) => a.rules.get(c.name) ?? ""),
        ]),
      ]),
    },
    {
      name: "center.csv",
      text: formatCsv([
        ["名称", "休止開始日", "休止終了日"],
        ...source.centers.flatMap((c) =>
          c.suspensions.length ? c.suspensions.map((s) => [c.name, s.startsOn.replace(/-/g, "/"), s.endsOn.replace(/-/g, "/")]) : [[c.name, "", ""]],
        ),
        // Suspensions for every area: under a centre no area names, which the import reads back as "every area".
        ...source.globalSuspensions.map((s) => [s.note || "全地区", s.startsOn.replace(/-/g, "/"), s.endsOn.replace(/-/g, "/")]),
      ]),
    },
    { name: "remarks.csv", text: formatCsv([["ID", "注意事項"], ...source.remarks.map((r) => [String(r.number), r.text])]) },
  ];
  if (grouped) files.push({ name: "area_master.csv", text: formatCsv([["マスター", "区名"], ...[...groupIds].map(([name, id]) => [String(id), name])]) });
  return files;
}
