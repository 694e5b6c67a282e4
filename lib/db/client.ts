// One pg connection of its own, for work that needs a session (the segment index's REPEATABLE READ
// build, the migrations' advisory lock).
import pg from "pg";

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
