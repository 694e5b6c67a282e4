// `npm run worker`: works Kairan's job queues (run one or more next to the web instances).
import { env, loadEnvFile } from "@/lib/env";
import { useLineTransport } from "@/lib/line/transport";
import { startWorker } from "@/lib/jobs/boss";
import { JOBS } from "@/lib/jobs/registry";
import { watchStalledRuns } from "@/lib/delivery/jobs";
import { stoppingWithTheDatabase } from "@/lib/db/unavailable";
import { openDeliveryConnections } from "@/lib/delivery/pool";
import { connectDb } from "@/lib/db";

loadEnvFile(".env");
// Delivery's multicasts to api.line.me over keep-alive connections (lib/line/transport.ts).
useLineTransport({ origins: [env().LINE_API_BASE_URL] });
// Delivery's connections and the Prisma client, ready before the first job needs them (lib/delivery/pool.ts, lib/db.ts).
await Promise.all([
  openDeliveryConnections().catch((error: unknown) => console.error(`[worker] delivery connections not opened yet (opened when needed): ${(error as Error).message}`)),
  connectDb().catch((error: unknown) => console.error(`[worker] database client not ready yet (made ready when needed): ${(error as Error).message}`)),
]);
const worker = await startWorker(JOBS);
// A send whose worker was killed goes on 10–20 s later, not at the minute's sweep (lib/delivery/jobs.ts).
const stalledRuns = watchStalledRuns();
console.log(`[worker] ${JOBS.length} 種類のジョブを処理しています (${JOBS.map((j) => j.name).join(", ")})`);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    // Ctrl+C reaches the embedded PostgreSQL too: the connections lost while stopping are expected.
    stoppingWithTheDatabase();
    stalledRuns.stop();
    await worker.stop();
    process.exit(0);
  });
}
