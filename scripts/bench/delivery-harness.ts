// Shared by bench:broadcast and bench:faults: the LINE emulator and worker processes as child
// processes (as in production), and reading the emulator's record.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { WORKER_NODE_FLAGS, workerNodeArgs } from "../worker-command.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
export const children: ChildProcess[] = [];

export function runTsx(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, ...args], { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))));
  });
}

/** The emulator on a free port with `friends` synthetic friends and LINE's rate limits (unless `extra` changes them). */
export function startEmulatorChild(friends: number, extra: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  // BENCH_CPU_PROFILE_DIR=<dir>: the emulator writes a V8 CPU profile there too when it stops.
  const profile = process.env.BENCH_CPU_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`, "--import", "tsx"] : [TSX];
  const child = spawn(process.execPath, [...profile, path.join(ROOT, "emulator/main.ts"), "--port", "0", "--host", "127.0.0.1", "--friends", String(friends), "--quiet", ...extra], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, LINE_EMULATOR_EXIT_ON_STDIN_END: "1" },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready in \d+ ms: http:\/\/[^:\s]+:(\d+)/.exec(output);
      if (match) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
  });
}

/**
 * The worker as production starts it (scripts/worker-command.ts), resolved once it reports that it
 * works the queues. `nodeFlags` replaces the production V8 flags (benchmarks compare them).
 */
export function startWorker(env: NodeJS.ProcessEnv, tag: string, nodeFlags: string[] = WORKER_NODE_FLAGS): Promise<ChildProcess> {
  // BENCH_CPU_PROFILE_DIR=<dir>: each worker writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_CPU_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`] : [];
  const args = [...profile, ...workerNodeArgs(ROOT, nodeFlags)];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const echo = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((line) => line.trim() && !/delivery\] lane done/.test(line))
      .forEach((line) => process.stderr.write(`  [${tag}] ${line.slice(0, 300)}\n`));
  return new Promise((resolve, reject) => {
    let ready = false;
    child.stdout!.on("data", (chunk: Buffer) => {
      if (!ready && /\[worker\]/.test(chunk.toString())) {
        ready = true;
        resolve(child);
      } else if (ready) echo(chunk);
    });
    child.stderr!.on("data", echo);
    child.once("exit", (code) => !ready && reject(new Error(`worker exited with ${code}`)));
  });
}

export async function stopChildren(): Promise<void> {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.stdin?.end();
    child.kill("SIGTERM");
  }
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once("exit", r)) : undefined)));
}

export async function emulatorCall<T>(url: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}/__emulator${route}`, { method, headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  if (!response.ok) throw new Error(`emulator ${method} ${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** When the emulator accepted its last request (its record is in acceptance order). */
export async function lastAcceptedAt(url: string): Promise<number | null> {
  const { lastSeq } = await emulatorCall<{ lastSeq: number }>(url, "GET", "/messages/stats");
  if (!lastSeq) return null;
  const { messages } = await emulatorCall<{ messages: { acceptedAt: string }[] }>(url, "GET", `/messages?afterSeq=${lastSeq - 1}&limit=1`);
  return messages[0] ? Date.parse(messages[0].acceptedAt) : null;
}
