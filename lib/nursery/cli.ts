// `npm run kairan -- nurseries import <file>` (registered in scripts/kairan.ts).
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "@/lib/db";
import { CLI_ACTOR } from "@/lib/audit/write-audit";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { importNurseries } from "@/lib/nursery/import";
import { parseNurseryFile, type NurseryParseResult } from "@/lib/nursery/parse";

export const NURSERY_USAGE = "nurseries import <file.geojson|file.csv> [--source S]";

export class NurseryUsageError extends Error {}

type WithDatabase = (fn: (url: string) => Promise<void>) => Promise<void>;

/** sapporo_nurseryFacilities.geojson → "sapporo"; koriyama_nurseryData_source.utf8.csv → "koriyama". */
export function sourceFromFileName(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, "").toLowerCase();
  const first = base.split(/[_.]/)[0] ?? base;
  return first.replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "import";
}

export function formatNurseryReport(parse: NurseryParseResult): string[] {
  const errors = parse.issues.filter((i) => i.severity === "error");
  const warnings = parse.issues.filter((i) => i.severity === "warning");
  const lines = [`  形式 ${parse.format}、文字コード ${parse.encoding}、${parse.rows} 件中 ${parse.facilities.length} 件を読みました。`];
  lines.push(errors.length ? `\n読めなかった行（${errors.length} 件、取り込んでいません）:` : "\n読めなかった行はありません。");
  for (const e of errors) lines.push(`  ${e.line ?? ""} ${e.message}${e.row ? `\n      ${e.row}` : ""}`);
  if (warnings.length) {
    lines.push(`\n注意（${warnings.length} 件、取り込みました）:`);
    for (const w of warnings) lines.push(`  ${w.line ?? ""} ${w.message}`);
  }
  return lines;
}

export async function runNurseryCommand(args: string[], withDatabase: WithDatabase): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== "import") throw new NurseryUsageError(sub ? `不明なサブコマンドです: ${sub}` : "サブコマンドを指定してください。");
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { source: { type: "string" } } });
  const file = positionals[0];
  if (!file) throw new NurseryUsageError("取り込むファイルを指定してください。");
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new NurseryUsageError(`ファイル「${file}」が見つかりません。`);
  const parse = parseNurseryFile(file, readFileSync(file));
  const source = values.source ?? sourceFromFileName(file);
  await withDatabase(async (url) => {
    await prepareDatabase(url);
    const db = createDb(url, { poolSize: 2 });
    try {
      const errors = parse.issues.filter((i) => i.severity === "error").length;
      const result = await importNurseries(db, { source, facilities: parse.facilities, actor: CLI_ACTOR, file: path.basename(file), skippedRows: errors });
      console.log(`保育施設データ「${source}」: 追加 ${result.created} 件、更新 ${result.updated} 件、削除 ${result.removed} 件（市の地区に当てはめた施設 ${result.placedInDistricts} 件）。`);
      for (const line of formatNurseryReport(parse)) console.log(line);
      console.log(JSON.stringify({ command: "nurseries import", source, format: parse.format, rows: parse.rows, ...result, skippedRows: errors }));
    } finally {
      await db.$disconnect();
    }
  });
}
