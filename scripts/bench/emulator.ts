// `npm run bench:emulator` — how many multicast requests of 500 recipients a second the LINE emulator
// accepts and records. The emulator runs as a child process (the code under test gets its own
// process and core); this process is the load generator: keep-alive HTTP/1.1 connections, one
// request in flight per connection, every request with its own X-Line-Retry-Key, recipients drawn
// from the synthetic friends. Afterwards it checks that the emulator recorded every recipient.
// Last line of output: one JSON object with the figures.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { availableParallelism, loadavg } from "node:os";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { DEMO_CHANNEL } from "@/emulator/demo-channel";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "48" },
    friends: { type: "string", default: "1000000" },
    recipients: { type: "string", default: "500" },
    // Drive an emulator that is already running (e.g. under --cpu-prof) instead of starting one.
    port: { type: "string" },
    // Parse multicast bodies on the emulator's main thread (compare with the default parser thread).
    "no-parse-thread": { type: "boolean" },
  },
});
const SECONDS = Number(values.seconds);
const WARMUP_SECONDS = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const FRIENDS = Number(values.friends);
const RECIPIENTS = Number(values.recipients);
/** Distinct request bodies; recipients cycle through the synthetic friends 500 at a time. */
const BODY_COUNT = Math.min(2000, Math.max(1, Math.floor(FRIENDS / RECIPIENTS)));

function startEmulatorChild(): Promise<{ child: ChildProcess; port: number; readyMs: number }> {
  const root = path.resolve(import.meta.dirname, "../..");
  const child = spawn(
    process.execPath,
    [
      path.join(root, "node_modules/tsx/dist/cli.mjs"),
      path.join(root, "emulator/main.ts"),
      "--port",
      "0",
      "--friends",
      String(FRIENDS),
      // LINE's own limit (2,000/s) would cap the measurement; the benchmark measures the emulator.
      "--rate-limit",
      "multicast=unlimited",
      "--quiet",
      ...(values["no-parse-thread"] ? ["--no-parse-thread"] : []),
    ],
    { cwd: root, stdio: ["pipe", "pipe", "inherit"], env: { ...process.env, LINE_EMULATOR_EXIT_ON_STDIN_END: "1" } },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready in (\d+) ms: http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[2]), readyMs: Number(match[1]) });
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
  });
}

function buildBodies(): Buffer[] {
  const bodies: Buffer[] = [];
  for (let b = 0; b < BODY_COUNT; b++) {
    const to: string[] = [];
    for (let i = 0; i < RECIPIENTS; i++) to.push(syntheticLineUserId(((b * RECIPIENTS + i) % FRIENDS) + 1));
    bodies.push(Buffer.from(JSON.stringify({ to, messages: [{ type: "text", text: "【みどり市】明日は燃えるごみの日です。朝8時までに出してください。" }] })));
  }
  return bodies;
}

type Stats = { ok: number; errors: number; statuses: Record<string, number>; latencies: number[] };

/** One keep-alive connection sending requests back to back. */
function runConnection(port: number, bodies: Buffer[], offset: number, until: () => boolean, record: (status: number, ms: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: "127.0.0.1", noDelay: true });
    let buffer: Buffer = Buffer.alloc(0);
    let sentAt = 0;
    let n = offset;
    const head = (length: number) =>
      `POST /v2/bot/message/multicast HTTP/1.1\r\nHost: localhost:${port}\r\nAuthorization: Bearer ${DEMO_CHANNEL.channelAccessToken}\r\n` +
      `Content-Type: application/json\r\nX-Line-Retry-Key: ${randomUUID()}\r\nContent-Length: ${length}\r\n\r\n`;
    const sendNext = () => {
      if (until()) {
        socket.end();
        resolve();
        return;
      }
      const body = bodies[n++ % bodies.length]!;
      sentAt = performance.now();
      socket.cork();
      socket.write(head(body.length));
      socket.write(body);
      socket.uncork();
    };
    socket.on("connect", sendNext);
    socket.on("data", (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        const headerText = buffer.subarray(0, end).toString("latin1");
        const length = Number(/content-length: (\d+)/i.exec(headerText)?.[1] ?? "0");
        if (buffer.length < end + 4 + length) return;
        const status = Number(headerText.slice(9, 12));
        buffer = buffer.subarray(end + 4 + length);
        record(status, performance.now() - sentAt);
        sendNext();
      }
    });
    socket.on("error", reject);
  });
}

async function adminJson(port: number, pathname: string): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${port}${pathname}`);
  return (await response.json()) as Record<string, unknown>;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const bodyStart = performance.now();
  const bodies = buildBodies();
  const bodyMs = performance.now() - bodyStart;
  const { child, port, readyMs } = values.port ? { child: undefined, port: Number(values.port), readyMs: 0 } : await startEmulatorChild();
  try {
    const measuring = { on: false };
    const stats: Stats = { ok: 0, errors: 0, statuses: {}, latencies: [] };
    let accepted = 0;
    const record = (status: number, ms: number) => {
      if (status === 200) accepted++;
      if (!measuring.on) return;
      stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
      if (status === 200) stats.ok++;
      else stats.errors++;
      stats.latencies.push(ms);
    };
    const deadline = { at: performance.now() + (WARMUP_SECONDS + SECONDS) * 1000 };
    const connections = Array.from({ length: CONNECTIONS }, (_, i) => runConnection(port, bodies, i * 7, () => performance.now() >= deadline.at, record));
    await new Promise((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000));
    const cpuBefore = (await adminJson(port, "/__emulator/state")).process as { cpuUserMs: number; cpuSystemMs: number };
    const clientBefore = process.cpuUsage();
    measuring.on = true;
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    measuring.on = false;
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = (await adminJson(port, "/__emulator/state")).process as { cpuUserMs: number; cpuSystemMs: number };
    const clientCpu = process.cpuUsage(clientBefore);
    await Promise.all(connections);

    const recorded = await adminJson(port, "/__emulator/messages/stats");
    const memory = await adminJson(port, "/__emulator/state");
    const sorted = Float64Array.from(stats.latencies).sort();
    const result = {
      benchmark: "emulator-multicast",
      recipientsPerRequest: RECIPIENTS,
      parseThread: !values["no-parse-thread"],
      friends: FRIENDS,
      connections: CONNECTIONS,
      seconds: Math.round(elapsed * 100) / 100,
      requests: stats.ok + stats.errors,
      requestsPerSecond: Math.round(stats.ok / elapsed),
      recipientsPerSecond: Math.round((stats.ok * RECIPIENTS) / elapsed),
      p50Ms: Math.round(percentile(sorted, 50) * 100) / 100,
      p99Ms: Math.round(percentile(sorted, 99) * 100) / 100,
      errors: stats.errors,
      statuses: stats.statuses,
      // Every accepted request (warm-up included) must be in the emulator's record, with every recipient.
      acceptedTotal: accepted,
      recordedRequests: recorded.requests,
      recordedRecipients: recorded.recipients,
      recordedDelivered: recorded.delivered,
      allRecorded: recorded.requests === accepted && recorded.recipients === accepted * RECIPIENTS,
      emulatorStartupMs: readyMs,
      emulatorFriends: (memory.friends as { friends: number }).friends,
      // Share of one core the emulator (user + kernel time of its process) and this load generator used.
      emulatorCpuPercent: Math.round(((cpuAfter.cpuUserMs + cpuAfter.cpuSystemMs - cpuBefore.cpuUserMs - cpuBefore.cpuSystemMs) / (elapsed * 1000)) * 100),
      loadGeneratorCpuPercent: Math.round(((clientCpu.user + clientCpu.system) / 1000 / (elapsed * 1000)) * 100),
      emulatorRssMB: (memory.process as { rssMB: number }).rssMB,
      machineCores: availableParallelism(),
      loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
    };
    console.log(
      [
        `LINE emulator benchmark: multicast, ${RECIPIENTS} recipients per request, ${FRIENDS.toLocaleString()} synthetic friends, parser thread ${result.parseThread ? "on" : "off"}`,
        `  load: ${CONNECTIONS} keep-alive connections for ${result.seconds} s (after ${WARMUP_SECONDS} s warm-up); bodies built in ${Math.round(bodyMs)} ms`,
        `  accepted: ${result.requestsPerSecond.toLocaleString()} requests/s = ${result.recipientsPerSecond.toLocaleString()} recipients/s`,
        `  latency: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms; errors: ${result.errors}`,
        `  recorded: ${Number(result.recordedRequests).toLocaleString()} requests, ${Number(result.recordedRecipients).toLocaleString()} recipients (${result.allRecorded ? "all accepted requests recorded" : "MISMATCH"})`,
        `  CPU: emulator ${result.emulatorCpuPercent} % of a core, load generator ${result.loadGeneratorCpuPercent} % (${result.machineCores} cores, load average ${result.loadAverage1m})`,
        `  emulator started in ${readyMs} ms with ${result.emulatorFriends.toLocaleString()} friends; RSS ${result.emulatorRssMB} MB after the run`,
      ].join("\n"),
    );
    console.log(JSON.stringify(result));
    if (!result.allRecorded) process.exitCode = 1;
  } finally {
    child?.stdin!.end();
    child?.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
