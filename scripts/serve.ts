// The production web server (`npm run serve`; also what `npm start`, the e2e setup and
// bench:webhook run): Next.js's request handler for every page and route, with LINE's webhook
// answered in front of it on Node's own request/response — the same handler as
// pages/api/line/webhook.ts (which serves it under `next dev`), minus Next's per-request router.
// Measured on 2 cores (docs/benchmarks.md, bench:webhook): `next start` with the Pages API route
// reached 48–49 % of a bare node:http server doing the same work; this path is that bare server.
//
//   tsx scripts/serve.ts [-p PORT] [-H HOST]      (defaults: PORT from the environment, all interfaces)
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { env, setChildEnv } from "@/lib/env";
import { stoppingWithTheDatabase } from "@/lib/db/unavailable";

// As `next start` does: the production build runs with NODE_ENV=production (set before Next and
// React are loaded, hence the dynamic imports below).
setChildEnv({ NODE_ENV: "production" });
const { default: next } = await import("next");
const { handleLineWebhook } = await import("@/lib/webhook/node-handler");
const { webhookStore } = await import("@/lib/webhook/intake-store");

export const WEBHOOK_PATH = "/api/line/webhook";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? env().PORT);
const hostname = values.hostname;

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), port, hostname: hostname ?? "localhost" });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((request, response) => {
  const url = request.url ?? "/";
  if (url === WEBHOOK_PATH || url.startsWith(`${WEBHOOK_PATH}?`)) {
    handleLineWebhook(request, response, webhookStore()).catch((error: unknown) => {
      console.error("[webhook]", error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
    return;
  }
  void handle(request, response);
});
// Longer than the usual load balancer idle timeout (60 s), so the balancer closes idle connections first.
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`▲ Kairan: http://${hostname ?? "localhost"}:${port}`));
// The job sender, ready before the first send needs it (lib/jobs/boss.ts); should the database not
// answer yet, the first job starts it instead.
const { startJobSender } = await import("@/lib/jobs/boss");
startJobSender().catch((error: unknown) => console.error(`[jobs] job sender not started yet (started with the first job): ${(error as Error).message}`));
// Likewise the Prisma client (lib/db.ts connectDb): not paid by the first page or action.
const { connectDb } = await import("@/lib/db");
connectDb().catch((error: unknown) => console.error(`[db] database client not ready yet (made ready with the first request): ${(error as Error).message}`));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    // Ctrl+C reaches the embedded PostgreSQL too: the connections lost while stopping are expected.
    stoppingWithTheDatabase();
    server.close();
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
    void app.close().finally(() => process.exit(0));
  });
}
