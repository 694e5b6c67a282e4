// `npm run kairan -- garbage <import|export|search|list|activate>` (registered in scripts/kairan.ts).
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb, type Db } from "@/lib/db";
import { CLI_ACTOR } from "@/lib/audit/write-audit";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { activateDictionary, findActiveDictionary, findDictionary, listDictionaries } from "@/lib/garbage/dictionaries";
import { exportDictionary, importDictionaryFiles } from "@/lib/garbage/import";
import { fillReadings } from "@/lib/garbage/readings";
import { searchGarbage } from "@/lib/garbage/search";
import type { ImportIssue, ParseResult } from "@/lib/garbage/five374";

export const GARBAGE_USAGE = [
  "garbage import <dir> [--slug S] [--name 名前] [--activate] [--no-readings]",
  "      garbage export <dir> [--dictionary S]",
  '      garbage search "<query>" [--dictionary S] [--json] [--limit N]',
  "      garbage list | garbage activate <S>",
].join("\n");

export class GarbageUsageError extends Error {}

type WithDatabase = (fn: (url: string) => Promise<void>) => Promise<void>;

async function withDb(withDatabase: WithDatabase, fn: (db: Db) => Promise<void>): Promise<void> {
  await withDatabase(async (url) => {
    await prepareDatabase(url);
    const db = createDb(url, { poolSize: 2 });
    try {
      await fn(db);
    } finally {
      await db.$disconnect();
    }
  });
}

async function dictionaryFor(db: Db, slug: string | undefined) {
  const dictionary = slug ? await findDictionary(db, slug) : await findActiveDictionary(db);
  if (!dictionary) throw new GarbageUsageError(slug ? `辞書「${slug}」はありません（garbage list で一覧を表示します）。` : "使用中の辞書がありません。--dictionary で指定してください。");
  return dictionary;
}

/** Reads a 5374 folder's CSV files. */
export function readFolder(dir: string): { name: string; bytes: Uint8Array }[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new GarbageUsageError(`フォルダ「${dir}」が見つかりません。`);
  return readdirSync(dir)
    .filter((name) => name.toLowerCase().endsWith(".csv"))
    .map((name) => ({ name, bytes: readFileSync(path.join(dir, name)) }));
}

/** The import report: files read, then each row that could not be read (and each assumption). */
export function formatImportReport(parse: ParseResult): string[] {
  const lines: string[] = [];
  for (const f of parse.files) {
    lines.push(`  ${f.name.padEnd(28)} ${f.ignored ? "読み込みませんでした（同じ種類のファイルあり）" : `${f.encoding.padEnd(9)} ${f.rows} 行、読めなかった行 ${f.skipped}`}`);
  }
  const errors = parse.issues.filter((i) => i.severity === "error");
  const warnings = parse.issues.filter((i) => i.severity === "warning");
  const show = (issue: ImportIssue) => `  ${issue.file}${issue.line ? `:${issue.line}` : ""} ${issue.message}${issue.row ? `\n      ${issue.row}` : ""}`;
  lines.push(errors.length ? `\n読めなかった行（${errors.length} 行、取り込んでいません）:` : "\n読めなかった行はありません。");
  lines.push(...errors.map(show));
  if (warnings.length) {
    lines.push(`\n注意（${warnings.length} 件、取り込みました）:`);
    lines.push(...warnings.map(show));
  }
  return lines;
}

export async function runGarbageCommand(args: string[], withDatabase: WithDatabase): Promise<void> {
  const [sub, ...rest] = args;
  switch (sub) {
    case "import": {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { slug: { type: "string" }, name: { type: "string" }, activate: { type: "boolean" }, "no-readings": { type: "boolean" }, json: { type: "boolean" } },
      });
      const dir = positionals[0];
      if (!dir) throw new GarbageUsageError("取り込む 5374 形式のフォルダを指定してください。");
      const files = readFolder(dir);
      const folder = path.basename(path.resolve(dir));
      const slug = values.slug ?? folder.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
      await withDb(withDatabase, async (db) => {
        const started = performance.now();
        const { parse, result } = await importDictionaryFiles(db, { files, slug, name: values.name ?? folder, source: folder, activate: values.activate, actor: CLI_ACTOR });
        const readings = values["no-readings"] ? 0 : await fillReadings(db, { dictionaryId: result.dictionaryId });
        const seconds = (performance.now() - started) / 1000;
        const c = result.counts;
        console.log(`辞書「${values.name ?? folder}」（${slug}）を${result.created ? "作成" : "更新"}しました${result.active ? "（住民が使う辞書です）" : ""}。`);
        console.log(`  品目 ${c.items}、分別区分 ${c.categories}、地区 ${c.areas}（収集日 ${c.rules}）、センター ${c.centers}、休止期間 ${c.suspensions}、注意事項 ${c.remarks}、読みの生成 ${readings} 件（${seconds.toFixed(1)} 秒）`);
        for (const line of formatImportReport(parse)) console.log(line);
        const errors = parse.issues.filter((i) => i.severity === "error");
        console.log(JSON.stringify({ command: "garbage import", slug, dictionaryId: result.dictionaryId, ...c, readings, skippedRows: errors.length, warnings: parse.issues.length - errors.length, seconds: Number(seconds.toFixed(2)) }));
      });
      return;
    }
    case "export": {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { dictionary: { type: "string" } } });
      const dir = positionals[0];
      if (!dir) throw new GarbageUsageError("書き出し先のフォルダを指定してください。");
      await withDb(withDatabase, async (db) => {
        const dictionary = await dictionaryFor(db, values.dictionary);
        const files = await exportDictionary(db, dictionary.id, { actor: CLI_ACTOR });
        mkdirSync(dir, { recursive: true });
        for (const file of files) writeFileSync(path.join(dir, file.name), file.text);
        console.log(`辞書「${dictionary.name}」を ${dir} に書き出しました: ${files.map((f) => f.name).join(", ")}`);
      });
      return;
    }
    case "search": {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { dictionary: { type: "string" }, json: { type: "boolean" }, limit: { type: "string" } } });
      const query = positionals.join(" ");
      if (!query) throw new GarbageUsageError("検索する言葉を指定してください。");
      await withDb(withDatabase, async (db) => {
        const dictionary = await dictionaryFor(db, values.dictionary);
        const limit = values.limit ? Math.max(1, Number(values.limit) || 10) : 10;
        const result = await searchGarbage(db, { dictionaryId: dictionary.id, query, limit });
        if (values.json) {
          console.log(JSON.stringify({ dictionary: dictionary.slug, ...result }, null, 2));
          return;
        }
        console.log(`「${query}」→「${result.core}」（辞書: ${dictionary.name}）${result.ambiguous ? "  ※大きさや素材で分別が変わります" : ""}`);
        if (result.hits.length === 0) console.log("  見つかりませんでした。");
        for (const hit of result.hits) {
          const mark = result.answers.some((a) => a.itemId === hit.itemId) ? "★" : " ";
          console.log(`${mark} ${String(hit.score).padStart(5)} ${hit.match.padEnd(9)} ${hit.name} → ${hit.categoryName}${hit.notice ? `（${hit.notice.replace(/\s+/g, " ").slice(0, 60)}）` : ""}`);
        }
      });
      return;
    }
    case "list": {
      await withDb(withDatabase, async (db) => {
        for (const d of await listDictionaries(db)) {
          console.log(`${d.active ? "*" : " "} ${d.slug.padEnd(16)} ${d.name}  品目 ${d._count.items}、地区 ${d._count.areas}、言い換え ${d._count.synonyms}（版 ${d.version}）`);
        }
      });
      return;
    }
    case "activate": {
      const slug = rest[0];
      if (!slug) throw new GarbageUsageError("辞書の識別名を指定してください。");
      await withDb(withDatabase, async (db) => {
        const dictionary = await dictionaryFor(db, slug);
        await activateDictionary(db, dictionary.id, CLI_ACTOR);
        console.log(`住民が使う辞書を「${dictionary.name}」にしました。`);
      });
      return;
    }
    default:
      throw new GarbageUsageError(sub ? `不明なサブコマンドです: ${sub}` : "サブコマンドを指定してください。");
  }
}
