// How Kairan's pg pools keep their connections, and one pg connection of its own for work that needs
// a session (the segment index's REPEATABLE READ build, the migrations' advisory lock).
import pg from "pg";

/**
 * The app's pools (Prisma's, pg-boss's, the webhook intake's) never close an idle connection; pg closes
 * them after 10 s by default, and the five minutes used before were not enough either. A connection that
 * is opened again costs the next query a new PostgreSQL backend and SCRAM's key derivation (a
 * transaction after 12 s idle: 24–26 ms, against 4–14 ms on a kept connection), and a new backend does
 * a send's batch statements more slowly the first time: the slices of a 972,973-recipient send took
 * 640–660 ms of PostgreSQL's CPU on a fresh backend, 440–460 ms on one that had made them before (four
 * rounds each; among other things a new backend maps the shared buffers it reads into its own memory —
 * ~6,000 more page faults; docs/benchmarks.md, bench:broadcast). Staff work in pauses —
 * an approver reads the preview, then presses "send"; a municipality sends a few times a day — and
 * LINE's webhooks come in bursts with quiet in between. The pools are small (DATABASE_POOL_SIZE), so
 * the connections they keep are few. Idle connections do not keep a process alive (allowExitOnIdle),
 * so scripts still end by themselves; one the server ends is dropped by its pool and opened again
 * when needed.
 */
export const POOL_IDLE_MS = 0;

/**
 * TCP keep-alive on the kept connections, first probe after this long idle. A load balancer or NAT
 * between the app and an external PostgreSQL forgets idle connections after a few minutes (AWS's network
 * load balancer after 350 s); the probes keep a kept connection known to it, and a connection that died
 * shows up as an error instead of a query waiting on it.
 */
export const KEEPALIVE_DELAY_MS = 60_000;

/**
 * pg.Pool options for a pool of `max` connections that keeps idle ones (POOL_IDLE_MS, with TCP
 * keep-alive), named in pg_stat_activity by `applicationName`.
 */
export function keptPoolOptions(connectionString: string, max: number, applicationName: string) {
  return {
    connectionString,
    max,
    idleTimeoutMillis: POOL_IDLE_MS,
    allowExitOnIdle: true,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
    application_name: applicationName,
  };
}

/**
 * Opens `count` connections of a pool ahead of need (a process at start): that many trivial queries
 * at once, so the pool opens a connection for each (up to its max) and then keeps them idle. The
 * first work that needs them then does not wait for new connections — a PostgreSQL backend and SCRAM's
 * key derivation on both sides, tens of milliseconds each on a busy machine.
 */
export async function openConnections(count: number, query: () => Promise<unknown>): Promise<void> {
  await Promise.all(Array.from({ length: count }, () => query()));
}

/**
 * Connects a pg.Client that outlives its connection dying. When the server ends a connection —
 * PostgreSQL restarting, or stopping (Ctrl+C on `npm start` stops the embedded one together with the
 * worker) — pg emits "error" on the client, and an "error" event nobody listens to ends the process.
 * With this listener the query in progress, or the next one, fails instead, and the caller's own
 * handling (a job's retry) takes over.
 */
export async function connectClient(config: pg.ClientConfig): Promise<pg.Client> {
  const client = new pg.Client(config);
  client.on("error", () => undefined);
  await client.connect();
  return client;
}
