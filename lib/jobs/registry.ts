// Every job Kairan runs. The worker works all of them; the web app only enqueues.
import { db } from "@/lib/db";
import { defineJob, type JobDefinition } from "@/lib/jobs/define-job";
import { purgeAuthRecords } from "@/lib/maintenance/purge-auth-records";
import { CHAT_JOBS } from "@/lib/webhook/chat-jobs";
import { GARBAGE_JOBS } from "@/lib/garbage/jobs";
import { BROADCAST_JOBS } from "@/lib/delivery/jobs";

export const authPurgeJob = defineJob<Record<string, never>>({
  name: "auth.purge-records",
  schedule: { cron: "15 3 * * *" },
  async handle() {
    const purged = await purgeAuthRecords(db);
    if (purged.throttles || purged.sessions) console.log(`[jobs] auth.purge-records: ${JSON.stringify(purged)}`);
  },
});

export const JOBS: JobDefinition<never>[] = [authPurgeJob as JobDefinition<never>, ...CHAT_JOBS, ...GARBAGE_JOBS, ...BROADCAST_JOBS];
