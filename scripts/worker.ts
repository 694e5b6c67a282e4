// `npm run worker`: works Kairan's job queues (run one or more next to the web instances).
import { loadEnvFile } from "@/lib/env";
import { startWorker } from "@/lib/jobs/boss";
import { JOBS } from "@/lib/jobs/registry";

loadEnvFile(".env");
const worker = await startWorker(JOBS);
console.log(`[worker] ${JOBS.length} 種類のジョブを処理しています (${JOBS.map((j) => j.name).join(", ")})`);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop();
    process.exit(0);
  });
}
