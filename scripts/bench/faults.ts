// `npm run bench:faults -- --recipients 100000` — the broadcast of bench:broadcast, sent while
// everything that can go wrong does:
//   • the LINE emulator fails 5 % of multicasts with 500 and accepts-then-drops the connection of 2 %
//     (the client sees a reset after LINE accepted: only the retry key prevents a duplicate);
//   • the emulator goes down for 10 s (every request's connection dropped);
//   • the worker process is killed with SIGKILL mid-send and started again;
//   • PostgreSQL is restarted mid-send.
// Then the emulator's record must show every deliverable resident exactly once.
//
// So that the faults land in the middle of the send, LINE's limit is scaled down for this run (the
// emulator enforces the same scaled limit; --rate N requests/s, default such that a fault-free send
// would take ~40 s). Everything runs on its own PostgreSQL (KAIRAN_DATA_DIR/pg-bench-faults), which
// this script stops and starts. Human summary, then the last line: one JSON object.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createDb, type Db } from "@/lib/db";
import { env as appEnv, resetEnvCache } from "@/lib/env";
import { resetLineClients } from "@/lib/line/clients";
import { DEMO_STAFF } from "@/lib/demo/demo-city";
import { demoLineEnv } from "@/emulator/demo-channel";
import { approveBroadcast, saveBroadcastDraft, submitBroadcast } from "@/lib/broadcasts/manage-broadcasts";
import { validateWithLine } from "@/lib/broadcasts/validate-with-line";
import { startEmbeddedPostgres, type EmbeddedCluster } from "../lib/embedded-postgres.ts";
import { emulatorCall, runTsx, startEmulatorChild, startWorker, stopChildren } from "./delivery-harness.ts";
import type { ChildProcess } from "node:child_process";

const { values } = parseArgs({
  options: {
    recipients: { type: "string", default: "100000" },
    rate: { type: "string" },
    "pg-port": { type: "string" },
  },
});
const RECIPIENTS = Number(values.recipients.replace(/_/g, ""));
// Synthetic resident n has blocked the account iff n % 37 = 0: seed enough for RECIPIENTS friends.
const RESIDENTS = Math.ceil((RECIPIENTS * 37) / 36);
const BATCHES = Math.ceil(RECIPIENTS / 500);
const RATE = values.rate ? Number(values.rate) : Math.max(1, Math.round(BATCHES / 40));

const marks: { at: number; event: string }[] = [];
let sendAt = 0;
function log(line: string) {
  const t = sendAt ? ` t+${((Date.now() - sendAt) / 1000).toFixed(1)}s` : "";
  console.log(`[bench:faults${t}] ${line}`);
}
function mark(event: string) {
  marks.push({ at: Number(((Date.now() - sendAt) / 1000).toFixed(1)), event });
  log(event);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const dataDir = path.join(appEnv().KAIRAN_DATA_DIR, "pg-bench-faults");
  const port = values["pg-port"] ? Number(values["pg-port"]) : appEnv().KAIRAN_TEST_PG_PORT + 5;
  let cluster: EmbeddedCluster = await startEmbeddedPostgres({ dataDir, port });
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  const name = `kt_faults_${Date.now().toString(36)}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = cluster.urlFor(name);
  let db: Db | null = null;
  try {
    log(`seeding ${RESIDENTS.toLocaleString("en")} residents (${RECIPIENTS.toLocaleString("en")} friends who have not blocked the account) …`);
    await runTsx(["scripts/kairan.ts", "seed", "--residents", String(RESIDENTS)], { ...process.env, DATABASE_URL: url });
    // As in production (the worker's segments.rebuild-index job): the send takes the bitmap path and
    // its batches are made in slices while the first ones are sent (lib/delivery/prepare-run.ts).
    const { rebuildSegmentIndex } = await import("@/lib/segments/segment-index");
    await rebuildSegmentIndex(url, { full: true });

    const emulator = await startEmulatorChild(RESIDENTS, ["--rate-limit", `multicast=${RATE}/1s`]);
    const lineEnv = demoLineEnv(emulator.url);
    const common = { DATABASE_URL: url, BROADCAST_QUIET_HOURS: "off", APP_URL: "http://localhost:3000", LINE_MULTICAST_RATE_LIMIT: String(RATE), DELIVERY_RATE_SHARE: "0.9" };
    Object.assign(process.env, lineEnv, common);
    resetEnvCache();
    resetLineClients();
    const workerEnv: NodeJS.ProcessEnv = { ...process.env, ...lineEnv, ...common, NODE_ENV: "production" };
    let worker: ChildProcess = await startWorker(workerEnv, "worker");
    log(`emulator ${emulator.url}: multicast limited to ${RATE}/s (Kairan sends at 90 %); faults: 5 % → 500, 2 % accepted then dropped`);

    db = createDb(url, { poolSize: 2 });
    const staff = new Map((await db.staff.findMany()).map((s) => [s.email, s]));
    const editor = staff.get(DEMO_STAFF.find((s) => s.roles.includes("EDITOR"))!.email)!;
    const approver = staff.get(DEMO_STAFF.find((s) => s.roles.includes("APPROVER"))!.email)!;
    const editorActor = { id: editor.id, label: editor.name, roles: editor.roles };
    const { id } = await saveBroadcastDraft(db, {
      actor: editorActor,
      input: {
        title: "障害下の配信（ベンチマーク）",
        segmentId: null,
        notificationDisabled: false,
        schedule: { kind: "NOW" },
        content: { variants: { ja: [{ type: "text", text: "【みどり市】断水のお知らせ：本日13時から16時まで、全域で断水します。" }], en: [{ type: "text", text: "[Midori City] Water outage today 1–4 p.m. in the whole city." }] } },
      },
    });
    await submitBroadcast(db, { broadcastId: id, actor: editorActor, validate: validateWithLine });
    await approveBroadcast(db, { broadcastId: id, actor: { id: approver.id, label: approver.name, roles: approver.roles } });
    await emulatorCall(emulator.url, "PUT", "/faults/multicast", { errorRate: 0.05, dropAfterAcceptRate: 0.02 });

    const { startBroadcastNow } = await import("@/lib/delivery/jobs");
    sendAt = Date.now();
    const start = await startBroadcastNow(id, { id: approver.id, label: approver.name });
    if (!start.started) throw new Error(`not started: ${JSON.stringify(start)}`);
    // The batches are made in slices while sending (lib/delivery/prepare-run.ts): progress is measured
    // against the recipients' batches as they will be, about one per 500.
    const expectedBatches = Math.max(1, Math.ceil(start.recipients / 500));
    mark(`send: ${start.recipients.toLocaleString("en")} recipients, the first ${start.batches} batches made`);

    // The fault schedule, by progress, so that each lands mid-send whatever the machine's speed.
    const progress = async () => {
      const [row] = await db!.$queryRawUnsafe<{ sent: bigint; open: bigint }[]>(
        "select count(*) filter (where status = 'SENT') as sent, count(*) filter (where status in ('PENDING', 'SENDING')) as open from delivery_batch where run_id = $1::uuid",
        start.runId,
      );
      return { sent: Number(row!.sent), open: Number(row!.open) };
    };
    const steps: { at: number; run(): Promise<void> }[] = [
      {
        at: 0.15,
        run: async () => {
          worker.kill("SIGKILL");
          mark("worker killed with SIGKILL");
          await sleep(2_000);
          worker = await startWorker(workerEnv, "worker (restarted)");
          mark("worker started again");
        },
      },
      {
        at: 0.35,
        run: async () => {
          await emulatorCall(emulator.url, "PUT", "/faults/*", { outageSeconds: 10, outageMode: "drop" });
          mark("LINE (the emulator) down for 10 s");
        },
      },
      {
        at: 0.6,
        run: async () => {
          mark("PostgreSQL stopping");
          await cluster.stop();
          await sleep(3_000);
          cluster = await startEmbeddedPostgres({ dataDir, port });
          mark("PostgreSQL started again");
        },
      },
    ];
    const deadline = Date.now() + 15 * 60_000;
    let finished = false;
    let failures = 0;
    while (!finished) {
      if (Date.now() > deadline) throw new Error("the send did not finish within 15 minutes");
      try {
        const p = await progress();
        while (steps.length && p.sent / expectedBatches >= steps[0]!.at) await steps.shift()!.run();
        const run = await db.deliveryRun.findUnique({ where: { id: start.runId }, select: { finishedAt: true } });
        finished = Boolean(run?.finishedAt) && steps.length === 0;
        failures = 0;
      } catch (error) {
        // PostgreSQL is restarting (this process's connections break too); give up after a minute.
        if (++failures > 240) throw error;
      }
      await sleep(250);
    }
    const seconds = (Date.now() - sendAt) / 1000;
    mark("run finished");

    const summary = await emulatorCall<{ recipients: number; deliveries: number; duplicateCount: number }>(emulator.url, "GET", "/messages/summary?endpoint=multicast");
    const stats = await emulatorCall<{ requests: number; notDelivered: number }>(emulator.url, "GET", "/messages/stats");
    const expected = await db.resident.count({ where: { followStatus: "FOLLOWING" } });
    const [batches] = await db.$queryRawUnsafe<{ sent: bigint; failed: bigint; attempts: bigint; conflicts: bigint; rate_limited: bigint }[]>(
      `select count(*) filter (where status = 'SENT') as sent, count(*) filter (where status <> 'SENT') as failed, sum(attempts) as attempts,
              count(*) filter (where http_status = 409) as conflicts, sum(rate_limited_count) as rate_limited
       from delivery_batch where run_id = $1::uuid`,
      start.runId,
    );
    const run = await db.deliveryRun.findUniqueOrThrow({ where: { id: start.runId } });
    const lost = expected - summary.recipients;
    const duplicated = summary.deliveries - summary.recipients;
    log(`${summary.recipients.toLocaleString("en")} of ${expected.toLocaleString("en")} residents received it, ${summary.deliveries.toLocaleString("en")} deliveries, ${summary.duplicateCount} twice; ${stats.notDelivered} to blocked residents`);
    log(`batches: ${Number(batches!.sent)} sent (${Number(batches!.conflicts)} of them answered 409 "already accepted" after a lost answer), ${Number(batches!.failed)} not sent; ${Number(batches!.attempts)} attempts for ${run.batchCount} batches; ${stats.requests} requests accepted by LINE; run ${run.status} in ${seconds.toFixed(1)} s`);
    const result = {
      bench: "faults",
      recipients: start.recipients,
      expected,
      batches: run.batchCount,
      rateLimitPerSecond: RATE,
      faults: { error500Rate: 0.05, acceptThenDropRate: 0.02, outageSeconds: 10, workerSigkill: true, postgresRestart: true },
      timeline: marks,
      seconds: Number(seconds.toFixed(1)),
      attempts: Number(batches!.attempts),
      answered409: Number(batches!.conflicts),
      rateLimited429: Number(batches!.rate_limited ?? 0),
      acceptedRequests: stats.requests,
      received: summary.recipients,
      deliveries: summary.deliveries,
      lost,
      duplicated,
      sentToBlocked: stats.notDelivered,
      runStatus: run.status,
      exactlyOnce: lost === 0 && duplicated === 0 && stats.notDelivered === 0 && Number(batches!.failed) === 0,
      cores: os.cpus().length,
      loadAverage1m: Number(os.loadavg()[0]!.toFixed(2)),
    };
    console.log(JSON.stringify(result));
  } finally {
    await db?.$disconnect().catch(() => undefined);
    await stopChildren();
    const { closeDeliveryPools } = await import("@/lib/delivery/pool");
    await closeDeliveryPools();
    // Its pool keeps idle connections (lib/db/client.ts): closed before the database is dropped, so
    // that nothing reports lost connections after the result line.
    const { stopJobSender } = await import("@/lib/jobs/boss");
    await stopJobSender().catch(() => undefined);
    const cleanup = new pg.Client({ connectionString: cluster.adminUrl });
    await cleanup.connect().then(() => cleanup.query(`drop database if exists ${name} with (force)`)).catch(() => undefined);
    await cleanup.end().catch(() => undefined);
    await cluster.stop();
  }
}

await main();
process.exit(0);
