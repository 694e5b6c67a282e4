// Admin CLI: `npm run kairan -- <command> [options]`. `--help` lists the commands.
import { parseArgs } from "node:util";
import { loadEnvFile, env } from "@/lib/env";
import { resolveDatabase } from "./lib/database.ts";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { createDb } from "@/lib/db";
import { seedDemoCity } from "@/lib/seed/seed-demo-city";
import { seedResidents } from "@/lib/seed/seed-residents";
import { createStaff } from "@/lib/staff/manage-staff";
import { CLI_ACTOR } from "@/lib/audit/write-audit";
import { ROLES, ROLE_LABELS } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import type { StaffRole } from "@/generated/prisma/enums";
import { GARBAGE_USAGE, GarbageUsageError, runGarbageCommand } from "@/lib/garbage/cli";
import { NURSERY_USAGE, NurseryUsageError, runNurseryCommand } from "@/lib/nursery/cli";

type Command = { summary: string; usage: string; run(args: string[]): Promise<void> };

const COMMANDS: Record<string, Command> = {
  migrate: {
    summary: "データベースにマイグレーションを適用します (apply database migrations)",
    usage: "migrate",
    async run() {
      await withDatabase(async (url) => {
        const result = await prepareDatabase(url, { log: console.log });
        console.log(`適用済み ${result.alreadyApplied} 件、今回適用 ${result.applied.length} 件`);
      });
    },
  },
  seed: {
    summary: "デモの自治体（みどり市）を投入し、--residents N で合成住民を N 人まで増やします (seed the demo city; top up synthetic residents)",
    usage: "seed [--residents N] [--parallel P]",
    async run(args) {
      const { values } = parseArgs({ args, options: { residents: { type: "string" }, parallel: { type: "string" } } });
      const residents = values.residents === undefined ? undefined : parsePositiveInt(values.residents, "--residents");
      const parallel = values.parallel === undefined ? 2 : parsePositiveInt(values.parallel, "--parallel");
      await withDatabase(async (url) => {
        await prepareDatabase(url);
        const db = createDb(url);
        try {
          const city = await seedDemoCity(db, url);
          console.log(city.seeded ? `デモの自治体を投入しました（住民 ${city.residents} 人）。` : "デモの自治体は投入済みです。");
          if (residents !== undefined) {
            let lastShown = 0;
            const result = await seedResidents(url, {
              count: residents,
              parallel,
              onProgress(done, total) {
                if (done - lastShown >= total / 10 || done === total) {
                  lastShown = done;
                  process.stdout.write(`  ${done.toLocaleString("ja-JP")} / ${total.toLocaleString("ja-JP")}\n`);
                }
              },
            });
            console.log(
              `合成住民: ${result.requested.toLocaleString("ja-JP")} 人（新規 ${result.inserted.toLocaleString("ja-JP")} 人）を ${result.seconds.toFixed(1)} 秒で投入しました。`,
            );
            console.log(JSON.stringify({ residents: result.requested, inserted: result.inserted, seconds: Number(result.seconds.toFixed(2)) }));
          }
        } finally {
          await db.$disconnect();
        }
      });
    },
  },
  "create-staff": {
    summary: "職員アカウントを作成します（初回ログイン時にパスワード変更が必要） (create a staff account)",
    usage: `create-staff --email E --name N --role R[,R…] [--department CODE[,CODE…]] [--password P]\n      R: ${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join(", ")}`,
    async run(args) {
      const { values } = parseArgs({
        args,
        options: {
          email: { type: "string" },
          name: { type: "string" },
          role: { type: "string" },
          department: { type: "string" },
          password: { type: "string" },
        },
      });
      if (!values.email || !values.name || !values.role) throw new UsageError("--email, --name, --role を指定してください。");
      const roles = values.role.split(",").map((r) => r.trim().toUpperCase());
      const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length) throw new UsageError(`不明な役割です: ${unknown.join(", ")}`);
      await withDatabase(async (url) => {
        await prepareDatabase(url);
        const db = createDb(url);
        try {
          const codes = values.department ? values.department.split(",").map((c) => c.trim()) : [];
          const departments = await db.department.findMany({ where: { code: { in: codes } } });
          const missing = codes.filter((c) => !departments.some((d) => d.code === c));
          if (missing.length) throw new UsageError(`不明な部署コードです: ${missing.join(", ")}`);
          const result = await createStaff(db, {
            actor: CLI_ACTOR,
            email: values.email!,
            name: values.name!,
            roles: roles as StaffRole[],
            departmentIds: departments.map((d) => d.id),
            password: values.password,
          });
          console.log(`職員を作成しました: ${result.staff.name} <${result.staff.email}>`);
          if (result.temporaryPassword) {
            console.log(`仮パスワード: ${result.temporaryPassword}`);
            console.log("（この表示は一度だけです。初回ログイン時に新しいパスワードの設定が必要です。）");
          }
        } finally {
          await db.$disconnect();
        }
      });
    },
  },
  garbage: {
    summary: "ごみ分別の辞書（5374 形式）の取り込み・書き出し・検索 (garbage dictionary: 5374 import/export, search)",
    usage: GARBAGE_USAGE,
    run: (args) => runGarbageCommand(args, withDatabase).catch(rethrowUsage(GarbageUsageError)),
  },
  nurseries: {
    summary: "保育施設データ（papamama GeoJSON・オープンデータ CSV）の取り込み (import nursery facilities)",
    usage: NURSERY_USAGE,
    run: (args) => runNurseryCommand(args, withDatabase).catch(rethrowUsage(NurseryUsageError)),
  },
};

class UsageError extends Error {}

/** Feature commands throw their own usage errors; shown like ours (message and usage, exit 2). */
function rethrowUsage(type: new (...args: never[]) => Error) {
  return (error: unknown) => {
    throw error instanceof type ? new UsageError(error.message) : error;
  };
}

function parsePositiveInt(value: string, name: string): number {
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} には 1 以上の整数を指定してください。`);
  return n;
}

async function withDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  const database = await resolveDatabase();
  try {
    await fn(database.url);
  } finally {
    await database.stop();
  }
}

function printHelp(): void {
  console.log("Kairan 管理コマンド (admin CLI)\n\n使い方: npm run kairan -- <command> [options]\n\nコマンド:");
  for (const [name, command] of Object.entries(COMMANDS)) {
    console.log(`  ${name.padEnd(14)} ${command.summary}`);
    console.log(`      npm run kairan -- ${command.usage}`);
  }
  console.log(`\nDATABASE_URL が未設定のときは組み込み PostgreSQL（${env().KAIRAN_DATA_DIR}/pg）を使います。`);
}

async function main(): Promise<number> {
  loadEnvFile(".env");
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === "--help" || name === "-h" || name === "help") {
    printHelp();
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`不明なコマンドです: ${name}\n`);
    printHelp();
    return 2;
  }
  if (args.includes("--help")) {
    console.log(`${command.summary}\n\n  npm run kairan -- ${command.usage}`);
    return 0;
  }
  try {
    await command.run(args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n  npm run kairan -- ${command.usage}`);
      return 2;
    }
    if (isAppError(error)) {
      console.error(error.userMessage);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
