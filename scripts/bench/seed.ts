// `npm run bench:seed [-- --residents N --parallel P]`: how long `npm run kairan -- seed --residents N`
// takes to create N synthetic residents, on a fresh database of the test cluster (dropped after).
// Prints a summary and, as its last line, one JSON object.
import { parseArgs } from "node:util";
import os from "node:os";
import { prepareDatabase } from "@/lib/db/prepare-database";
import { createDb } from "@/lib/db";
import { seedDemoCity } from "@/lib/seed/seed-demo-city";
import { seedResidents } from "@/lib/seed/seed-residents";
import { createDatabase, dropDatabase, startTestCluster, uniqueDatabaseName } from "../test/test-database.ts";

const { values } = parseArgs({ options: { residents: { type: "string", default: "1000000" }, parallel: { type: "string", default: "2" } } });
const residents = Number(values.residents);
const parallel = Number(values.parallel);

const cluster = await startTestCluster();
const name = uniqueDatabaseName("kt_bench");
await createDatabase(cluster.adminUrl, name);
const url = cluster.urlFor(name);
try {
  await prepareDatabase(url);
  const db = createDb(url, { poolSize: 2 });
  await seedDemoCity(db, url);
  await db.$disconnect();
  const result = await seedResidents(url, { count: residents, parallel });
  const rate = Math.round(result.inserted / result.seconds);
  console.log(`seed --residents ${residents.toLocaleString("en")}: ${result.seconds.toFixed(1)} s (${rate.toLocaleString("en")} residents/s, ${parallel} connections, ${os.cpus().length} cores)`);
  console.log(JSON.stringify({ bench: "seed", residents, inserted: result.inserted, seconds: Number(result.seconds.toFixed(2)), residentsPerSecond: rate, parallel, cores: os.cpus().length, goalSeconds: 60, pass: result.seconds <= 60 }));
} finally {
  await dropDatabase(cluster.adminUrl, name).catch(() => undefined);
  await cluster.stop();
}
