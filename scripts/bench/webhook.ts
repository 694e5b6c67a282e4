// `npm run bench:webhook` — Kairan's webhook (the production build under `next start`) and a bare
// node:http server doing the same signature check and the same insert (both call
// handleLineWebhook from lib/webhook/node-handler.ts → receiveLineWebhook from lib/webhook/intake.ts: HMAC check on the raw bytes, parse, one INSERT …
// ON CONFLICT DO NOTHING into webhook_event, one pg-boss insert for the new events), side by side
// in one run, against one fresh database. The load comes from a second process (this one); every
// request is a signed body with one event. Two measurements per server:
//   1. sustained: a closed loop of N keep-alive connections for S seconds → events/s;
//   2. a fixed rate of 500 requests/s (open loop: requests leave on schedule, whether or not the
//      previous ones were answered) → p50/p99 latency.
// Afterwards the events stored must equal the 200 answers (nothing answered 200 was lost).
// No worker runs: handling is not measured here. Last line of output: one JSON object.
//
// The same file is the bare server (`--bare-server <port>`), so that both servers run as their own
// process and neither shares a core with the load generator's event loop.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { availableParallelism, loadavg } from "node:os";
import { randomBytes } from "node:crypto";
import pg from "pg";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "5" },
    connections: { type: "string", default: "32" },
    rate: { type: "string", default: "500" },
    "rate-seconds": { type: "string", default: "10" },
    "pool-size": { type: "string", default: "10" },
    // Rounds alternate bare and Kairan, so a busy moment on the shared machine hits both; the
    // figures reported are the medians over the rounds.
    rounds: { type: "string", default: "3" },
    "bare-server": { type: "string" },
  },
});

const ROOT = path.resolve(import.meta.dirname, "../..");
const SECRET = "c0ffee0de3000000000000000ca1e4da";

// ── role 2: the load generator ─────────────────────────────────────────────────────────────────

type Target = { name: "kairan" | "bare"; port: number; child: ChildProcess };
type Result = { requests: number; ok: number; errors: Record<string, number>; seconds: number; latencies: number[] };

function signedBody(): { body: Buffer; signature: string; id: string } {
  const id = randomBytes(13).toString("hex").toUpperCase().slice(0, 26);
  const event = {
    type: "message",
    mode: "active",
    timestamp: Date.now(),
    source: { type: "user", userId: `U${randomBytes(16).toString("hex")}` },
    webhookEventId: id,
    deliveryContext: { isRedelivery: false },
    replyToken: randomBytes(16).toString("hex"),
    message: { id: String(Date.now()), type: "text", text: "ごみの収集日を教えてください", quoteToken: randomBytes(8).toString("hex") },
  };
  const body = Buffer.from(JSON.stringify({ destination: `U${"0".repeat(32)}`, events: [event] }));
  return { body, signature: signLocal(body), id };
}

let hmac: (body: Buffer) => string;
function signLocal(body: Buffer): string {
  return hmac(body);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function send(agent: http.Agent, port: number, record: (status: number, ms: number) => void): Promise<void> {
  const { body, signature } = signedBody();
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      { host: "127.0.0.1", port, path: "/api/line/webhook", method: "POST", agent, headers: { "content-type": "application/json; charset=utf-8", "content-length": body.length, "user-agent": "LineBotWebhook/2.0", "x-line-signature": signature } },
      (response) => {
        response.resume();
        response.on("end", () => {
          record(response.statusCode ?? 0, performance.now() - started);
          resolve();
        });
      },
    );
    request.on("error", () => {
      record(0, performance.now() - started);
      resolve();
    });
    request.end(body);
  });
}

function newResult(): Result {
  return { requests: 0, ok: 0, errors: {}, seconds: 0, latencies: [] };
}

function recorder(result: Result, counting: () => boolean) {
  return (status: number, ms: number) => {
    if (!counting()) return;
    result.requests++;
    if (status === 200) result.ok++;
    else result.errors[String(status)] = (result.errors[String(status)] ?? 0) + 1;
    result.latencies.push(ms);
  };
}

/** Closed loop: CONNECTIONS requests in flight, back to back. */
async function sustained(port: number, seconds: number, warmup: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number(values.connections) });
  const result = newResult();
  let counting = false;
  let stop = false;
  const record = recorder(result, () => counting);
  const loops = Array.from({ length: Number(values.connections) }, async () => {
    while (!stop) await send(agent, port, record);
  });
  await new Promise((r) => setTimeout(r, warmup * 1000));
  counting = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  counting = false;
  result.seconds = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(loops);
  agent.destroy();
  return result;
}

/** Open loop at a fixed rate: a request leaves every 1/rate seconds, answered or not. */
async function fixedRate(port: number, rate: number, seconds: number): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const result = newResult();
  const record = recorder(result, () => true);
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(agent, port, record));
  }
  await Promise.all(inFlight);
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}

function summary(result: Result) {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  return {
    requests: result.requests,
    ok: result.ok,
    errors: result.errors,
    eventsPerSecond: Math.round(result.ok / result.seconds),
    p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
    p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
  };
}

async function waitForPort(port: number, pathName: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}${pathName}`, { method: "POST", body: "{}", headers: { "x-line-signature": "x" } });
      if (res.status < 500) return;
    } catch {
      // starting
    }
    if (Date.now() > deadline) throw new Error(`server on ${port} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = http.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function main() {
  const { signLineWebhookBody } = await import("@/lib/line/signature");
  hmac = (body) => signLineWebhookBody(body, SECRET);
  const { startTestCluster, createDatabase, dropDatabase, uniqueDatabaseName } = await import("@/scripts/test/test-database");
  const { prepareDatabase } = await import("@/lib/db/prepare-database");
  const { buildApp, buildIsCurrent } = await import("@/scripts/lib/build");

  console.log("準備中: データベース（テスト用クラスタ）とアプリのビルド …");
  const cluster = await startTestCluster();
  const database = uniqueDatabaseName("kt_bench");
  await createDatabase(cluster.adminUrl, database);
  const url = cluster.urlFor(database);
  await prepareDatabase(url);
  if (!buildIsCurrent()) await buildApp();

  const env = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: values["pool-size"],
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: "bench",
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
  } as NodeJS.ProcessEnv;
  const [kairanPort, barePort] = [await freePort(), await freePort()];
  const kairan = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "scripts/serve.ts"), "-p", String(kairanPort), "-H", "127.0.0.1"], { cwd: ROOT, env, stdio: ["pipe", "ignore", "inherit"] });
  const bare = spawn(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "scripts/bench/webhook.ts"), "--bare-server", String(barePort), "--pool-size", values["pool-size"]!], { cwd: ROOT, env, stdio: ["pipe", "ignore", "inherit"] });
  const targets: Target[] = [
    { name: "bare", port: barePort, child: bare },
    { name: "kairan", port: kairanPort, child: kairan },
  ];
  const results: Record<string, { sustained: { eventsPerSecond: number; p50Ms: number; p99Ms: number }; rate: { p50Ms: number; p99Ms: number }; errors: Record<string, number> }> = {};
  try {
    await Promise.all(targets.map((t) => waitForPort(t.port, "/api/line/webhook", 60_000)));
    const seconds = Number(values.seconds);
    const warmup = Number(values.warmup);
    const rate = Number(values.rate);
    const rounds = Math.max(1, Number(values.rounds));
    const perRound: Record<string, { sustained: ReturnType<typeof summary>; rate: ReturnType<typeof summary> }[]> = { bare: [], kairan: [] };
    for (let round = 1; round <= rounds; round++) {
      for (const target of round % 2 === 1 ? targets : [...targets].reverse()) {
        console.log(`計測中（${round}/${rounds}）: ${target.name} — ${values.connections} 接続で ${seconds} 秒（${warmup} 秒の準備運転のあと）、続いて毎秒 ${rate} リクエストで ${values["rate-seconds"]} 秒`);
        const s = summary(await sustained(target.port, seconds, warmup));
        const r = summary(await fixedRate(target.port, rate, Number(values["rate-seconds"])));
        perRound[target.name]!.push({ sustained: s, rate: r });
        console.log(`    ${target.name}: ${s.eventsPerSecond} events/s、@${rate}/s p50 ${r.p50Ms} ms・p99 ${r.p99Ms} ms`);
      }
    }
    // Medians over the rounds (the mean of the middle two for an even count), per figure. The ratio is
    // the median of each round's own ratio: bare and Kairan measured back to back see the same load.
    const median = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const mid = (sorted.length - 1) / 2;
      return Math.round(((sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2) * 10) / 10;
    };
    const figures = (list: (typeof perRound)[string]) => ({
      sustained: { eventsPerSecond: median(list.map((x) => x.sustained.eventsPerSecond)), p50Ms: median(list.map((x) => x.sustained.p50Ms)), p99Ms: median(list.map((x) => x.sustained.p99Ms)) },
      rate: { p50Ms: median(list.map((x) => x.rate.p50Ms)), p99Ms: median(list.map((x) => x.rate.p99Ms)) },
      errors: list.flatMap((x) => [x.sustained.errors, x.rate.errors]).reduce<Record<string, number>>((all, e) => {
        for (const [k, v] of Object.entries(e)) all[k] = (all[k] ?? 0) + v;
        return all;
      }, {}),
    });
    for (const name of ["bare", "kairan"] as const) results[name] = figures(perRound[name]!);
    const roundRatios = perRound.kairan!.map((k, i) => k.sustained.eventsPerSecond / perRound.bare![i]!.sustained.eventsPerSecond);
    // Everything answered 200 is stored: count rows against 200 answers (warm-up requests included).
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const stored = Number((await client.query<{ n: string }>("select count(*) as n from webhook_event")).rows[0]!.n);
    const jobs = Number((await client.query<{ n: string }>("select count(*) as n from pgboss.job where name = 'webhook.handle-event'")).rows[0]!.n);
    await client.end();

    const ratio = Math.round(median(roundRatios.map((r) => r * 100))) / 100;
    const p99 = results.kairan!.rate.p99Ms;
    console.log("");
    console.log(`                     sustained events/s    @${rate}/s p50    @${rate}/s p99    errors`);
    for (const name of ["bare", "kairan"] as const) {
      const r = results[name]!;
      console.log(`  ${name.padEnd(18)} ${String(r.sustained.eventsPerSecond).padStart(12)} ${`${r.rate.p50Ms} ms`.padStart(15)} ${`${r.rate.p99Ms} ms`.padStart(14)}    ${JSON.stringify(r.errors)}`);
    }
    console.log(`  各回の Kairan / bare: ${roundRatios.map((r) => `${Math.round(r * 100)} %`).join("、")}`);
    console.log(`  Kairan / bare（中央値）: ${Math.round(ratio * 100)} %（目標 50 % 以上）、Kairan p99 @${rate}/s: ${p99} ms（目標 50 ms 以下）`);
    console.log(`  保存されたイベント ${stored} 件、処理ジョブ ${jobs} 件（200 を返したイベントはすべて保存・ジョブ化されているか: ${stored === jobs ? "はい" : "いいえ"}）`);
    console.log(`  ${availableParallelism()} コア、負荷平均 ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    console.log(
      JSON.stringify({
        bench: "webhook",
        bare: results.bare,
        kairan: results.kairan,
        rounds: perRound,
        kairanToBare: ratio,
        kairanToBareByRound: roundRatios.map((r) => Math.round(r * 100) / 100),
        rate,
        kairanP99AtRateMs: p99,
        stored,
        jobs,
        cores: availableParallelism(),
        goals: { ratio: 0.5, p99Ms: 50 },
        pass: ratio >= 0.5 && p99 <= 50 && stored === jobs,
      }),
    );
  } finally {
    for (const t of targets) t.child.kill("SIGTERM");
    await Promise.all(targets.map((t) => new Promise((r) => (t.child.exitCode !== null ? r(null) : t.child.once("exit", r)))));
    await dropDatabase(cluster.adminUrl, database).catch(() => undefined);
    await cluster.stop();
  }
}

// ── role 1: the bare server ────────────────────────────────────────────────────────────────────
async function bareServer() {
  const { handleLineWebhook } = await import("@/lib/webhook/node-handler");
  const { createPgWebhookStore } = await import("@/lib/webhook/intake-store");
  const store = createPgWebhookStore({ connectionString: process.env.DATABASE_URL!, poolSize: Number(values["pool-size"]) });
  const server = http.createServer((req, res) => void handleLineWebhook(req, res, store, { channelSecret: SECRET }));
  server.keepAliveTimeout = 60_000;
  server.listen(Number(values["bare-server"]), "127.0.0.1", () => console.log("bare server ready"));
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
}

if (values["bare-server"]) await bareServer();
else await main();
