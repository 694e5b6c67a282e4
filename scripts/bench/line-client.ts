// `npm run bench:line-client` — what one multicast costs the sender through @line/bot-sdk, side by side:
// the SDK on Node's global fetch (undici) and the SDK on Kairan's keep-alive transport
// (lib/line/transport.ts, what the worker uses). The emulator runs as a child process with the rate
// limit off, so the client is what is measured: requests per second and this process's CPU per
// request, the two clients alternating for --rounds rounds. Each request: 500 recipients, two text
// messages, its own X-Line-Retry-Key — a delivery batch. Last line: one JSON object.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { messagingApi } from "@line/bot-sdk";
import { DEMO_CHANNEL } from "@/emulator/demo-channel";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { createLineTransport } from "@/lib/line/transport";
import type { LineMessage } from "@/lib/line/messages";
import { startEmulatorChild, stopChildren } from "./delivery-harness.ts";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "64" },
    rounds: { type: "string", default: "3" },
  },
});
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const FRIENDS = REQUESTS * 500;

const messages: LineMessage[] = [
  { type: "text", text: "【みどり市】明日は燃えるごみの日です。朝8時までに出してください。" },
  { type: "text", text: "[Midori City] Tomorrow is burnable garbage day." },
];

type Figures = { client: string; round: number; requestsPerSecond: number; cpuMsPerRequest: number; statuses: Record<number, number> };

// Made once: a million fresh ids per round left their garbage to be collected inside the next round's
// measurement, which then measured this script's collector more than the client.
const recipients = Array.from({ length: REQUESTS }, (_, b) => Array.from({ length: 500 }, (_, i) => syntheticLineUserId(b * 500 + i + 1)));

async function run(client: string, round: number, send: (to: string[], key: string) => Promise<number>): Promise<Figures> {
  const statuses: Record<number, number> = {};
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const b = next++;
        if (b >= REQUESTS) return;
        const status = await send(recipients[b]!, randomUUID());
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const figures = { client, round, requestsPerSecond: Math.round(REQUESTS / seconds), cpuMsPerRequest: Number(((cpu.user + cpu.system) / 1000 / REQUESTS).toFixed(3)), statuses };
  console.log(`[bench:line-client] round ${round} ${client}: ${figures.requestsPerSecond.toLocaleString("en")} multicasts/s, ${figures.cpuMsPerRequest} ms of CPU each, statuses ${JSON.stringify(statuses)}`);
  return figures;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

async function main() {
  const emulator = await startEmulatorChild(FRIENDS, ["--rate-limit", "multicast=unlimited"]);
  try {
    const config = { channelAccessToken: DEMO_CHANNEL.channelAccessToken, baseURL: emulator.url };
    const sdk = new messagingApi.MessagingApiClient(config);
    const original = globalThis.fetch;
    const transport = createLineTransport({ origins: [emulator.url], fallback: original });
    const clients: [string, typeof fetch][] = [
      ["sdk-on-node-fetch", original],
      ["sdk-on-keep-alive-transport", transport],
    ];
    const results: Figures[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      for (const [name, fetchImpl] of clients) {
        globalThis.fetch = fetchImpl;
        try {
          // Round 0 warms both up (JIT, connections) and is not counted.
          const figures = await run(name, round, async (to, key) => (await sdk.multicastWithHttpInfo({ to, messages }, key)).httpResponse.status);
          if (round > 0) results.push(figures);
        } finally {
          globalThis.fetch = original;
        }
      }
    }
    const summary = Object.fromEntries(
      clients.map(([name]) => {
        const mine = results.filter((r) => r.client === name);
        return [name, { requestsPerSecondMedian: median(mine.map((r) => r.requestsPerSecond)), cpuMsPerRequestMedian: median(mine.map((r) => r.cpuMsPerRequest)) }];
      }),
    );
    const fetchFigures = summary["sdk-on-node-fetch"]!;
    const transportFigures = summary["sdk-on-keep-alive-transport"]!;
    console.log(
      `[bench:line-client] medians over ${ROUNDS} rounds: Node's fetch ${fetchFigures.requestsPerSecondMedian.toLocaleString("en")}/s at ${fetchFigures.cpuMsPerRequestMedian} ms CPU; keep-alive transport ${transportFigures.requestsPerSecondMedian.toLocaleString("en")}/s at ${transportFigures.cpuMsPerRequestMedian} ms CPU`,
    );
    const ok = results.every((r) => Object.keys(r.statuses).every((s) => s === "200"));
    console.log(
      JSON.stringify({
        bench: "line-client",
        requests: REQUESTS,
        recipientsPerRequest: 500,
        concurrency: CONCURRENCY,
        rounds: ROUNDS,
        ...summary,
        cpuRatio: Number((fetchFigures.cpuMsPerRequestMedian / transportFigures.cpuMsPerRequestMedian).toFixed(2)),
        allAccepted: ok,
        cores: os.cpus().length,
        loadAverage1m: Number(os.loadavg()[0]!.toFixed(2)),
        results,
      }),
    );
  } finally {
    await stopChildren();
  }
}

await main();
process.exit(0);
