// `npm start` (production build) and `npm run dev` (next dev): everything Kairan needs, with no
// configuration — the embedded PostgreSQL unless DATABASE_URL is set, migrations, the demo city
// once, and the app — then the URLs and demo logins.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { env, loadEnvFile, setChildEnv, ConfigError } from "@/lib/env";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { createDb } from "@/lib/db";
import { seedDemoCity } from "@/lib/seed/seed-demo-city";
import { DEMO_STAFF } from "@/lib/demo/demo-city";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { resolveDatabase } from "./lib/database.ts";
import { readOrCreateLocalSecrets } from "./lib/secrets.ts";
import { buildApp, buildIsCurrent } from "./lib/build.ts";
import { watchLiffAssets } from "@/lib/liff/bundle";
import { startEmulator } from "../emulator/server.ts";
import { KAIRAN_WEBHOOK_SETTINGS } from "../emulator/demo-channel.ts";
import { workerNodeArgs } from "./worker-command.ts";

const dev = process.argv.includes("--dev");
const started = performance.now();
const children: ChildProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];

function log(message: string) {
  console.log(`[kairan] ${message}`);
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

// Set once stopping has begun (Ctrl+C, a child that exited): the children's exits are then expected.
let stopping = false;

async function shutdown(code: number): Promise<never> {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once("exit", r)) : undefined)));
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(code);
}

async function main() {
  loadEnvFile(".env");
  setChildEnv({ NEXT_TELEMETRY_DISABLED: "1" });

  // 1. Database.
  const database = await resolveDatabase();
  cleanups.push(() => database.stop());
  log(database.embedded ? `組み込み PostgreSQL を使います（${env().KAIRAN_DATA_DIR}/pg）。` : "DATABASE_URL のデータベースを使います。");

  // 2. Secrets: generated and kept in the data folder for the embedded mode; required otherwise.
  if (!env().NEXTAUTH_SECRET) {
    if (!database.embedded) {
      throw new ConfigError("環境変数 NEXTAUTH_SECRET が設定されていません（32文字以上のランダムな文字列）。 (NEXTAUTH_SECRET is not set)");
    }
    setChildEnv({ NEXTAUTH_SECRET: readOrCreateLocalSecrets(env().KAIRAN_DATA_DIR).NEXTAUTH_SECRET });
  }

  // 3. Schema and demo data.
  const migrated = await prepareDatabase(database.url, { log });
  if (migrated.applied.length === 0) log("データベースは最新です。");
  const seedMode = env().KAIRAN_DEMO_SEED;
  if (seedMode === "true" || (seedMode === "auto" && database.embedded)) {
    const db = createDb(database.url, { poolSize: 2 });
    try {
      const seeded = await seedDemoCity(db, database.url);
      if (seeded.seeded) log(`デモの自治体「みどり市」を投入しました（住民 ${seeded.residents} 人）。`);
    } finally {
      await db.$disconnect();
    }
  }

  // 4. The LINE emulator, unless a real LINE channel is configured.
  const e = env();
  let emulatorUrl: string | null = null;
  if (e.LINE_EMULATOR === "true" || (e.LINE_EMULATOR === "auto" && !e.LINE_CHANNEL_ACCESS_TOKEN)) {
    const emulator = await startEmulator({
      port: e.LINE_EMULATOR_PORT,
      appUrl: e.APP_URL,
      stateFile: path.join(e.KAIRAN_DATA_DIR, "line-emulator.json"),
      // LINE accepts only https media and webhook URLs; the demo app runs on http://localhost.
      // Webhook redelivery on, as Kairan asks of a real channel (emulator/demo-channel.ts).
      config: { allowLocalhostHttp: new URL(e.APP_URL).hostname === "localhost", webhook: KAIRAN_WEBHOOK_SETTINGS },
    });
    cleanups.push(() => emulator.close());
    setChildEnv(emulator.env);
    emulatorUrl = emulator.url;
    log(`LINE エミュレーターを起動しました（${emulator.url}）。`);
  }

  // 5. The app and its worker.
  setChildEnv({ APP_URL: e.APP_URL, NEXTAUTH_URL: e.APP_URL, PORT: String(e.PORT) });
  if (!dev && !buildIsCurrent()) {
    log("アプリをビルドしています（初回やソース変更後のみ）…");
    await buildApp();
  }
  if (dev) {
    // next dev serves the LIFF pages' HTML; their own bundles are rebuilt here on every change.
    const watcher = await watchLiffAssets({ distDir: e.KAIRAN_NEXT_DIST_DIR, log });
    cleanups.push(() => watcher.stop());
  }
  // Production: scripts/serve.ts (Next's handler with the LINE webhook in front); development: next dev.
  const appArgs = dev
    ? [path.join("node_modules", "next", "dist", "bin", "next"), "dev", "-p", String(e.PORT)]
    : [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/serve.ts", "-p", String(e.PORT)];
  const app = spawn(process.execPath, appArgs, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: dev ? "development" : "production" },
  });
  children.push(app);
  app.on("exit", (code) => {
    if (!stopping) log(`アプリが終了しました (exit ${code}).`);
    void shutdown(code ?? 1);
  });
  const worker = spawn(process.execPath, workerNodeArgs("."), {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: dev ? "development" : "production" },
  });
  children.push(worker);
  worker.on("exit", (code) => {
    if (!stopping) log(`ワーカーが終了しました (exit ${code}).`);
    void shutdown(code ?? 1);
  });
  await waitForHttp(`http://127.0.0.1:${e.PORT}/staff/login`, dev ? 120_000 : 60_000);

  printBanner(e.APP_URL, emulatorUrl, database.embedded && (seedMode === "auto" || seedMode === "true"));
}

function printBanner(appUrl: string, emulatorUrl: string | null, demo: boolean) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    "",
    `Kairan（回覧）が起動しました（${seconds} 秒）。 Kairan is running.`,
    "",
    `  職員コンソール (staff console):  ${appUrl}/staff/login`,
  ];
  if (emulatorUrl) {
    lines.push(`  LINE エミュレーター（スマートフォン画面） (LINE emulator, phone view):  ${emulatorUrl}/`);
  }
  if (demo) {
    lines.push("", "  デモ用の職員アカウント (demo staff logins):");
    for (const staff of DEMO_STAFF) {
      lines.push(`    ${staff.roles.map((r) => ROLE_LABELS[r]).join("・").padEnd(6, "　")} ${staff.email.padEnd(34)} ${staff.password}`);
    }
  }
  lines.push("", "  終了するには Ctrl+C を押してください。 Press Ctrl+C to stop.", "");
  console.log(lines.join("\n"));
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error) => {
  console.error(error instanceof ConfigError ? `\n${error.message}\n` : error);
  await shutdown(1);
});
