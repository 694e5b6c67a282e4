// Garbage jobs (registered in lib/jobs/registry.ts).
import { db } from "@/lib/db";
import { defineJob, type JobDefinition } from "@/lib/jobs/define-job";

/**
 * Generates missing readings of a dictionary's items after a staff import or edit. The analyser
 * (kuromoji, ~40 MB of dictionary) loads here in the worker, never in a web instance; the module is
 * imported only when the job runs.
 */
export const fillReadingsJob = defineJob<{ dictionaryId: number }>({
  name: "garbage.fill-readings",
  queue: { retryLimit: 3, expireInSeconds: 600 },
  async handle({ dictionaryId }) {
    const { fillReadings } = await import("@/lib/garbage/readings");
    const filled = await fillReadings(db, { dictionaryId });
    if (filled) console.log(`[jobs] garbage.fill-readings: dictionary ${dictionaryId}, ${filled} readings`);
  },
});

/** 「前日20時に通知」: every day at 20:00 Japan time, tomorrow's collection reminders. */
export const sendRemindersJob = defineJob<Record<string, never>>({
  name: "garbage.send-reminders",
  schedule: { cron: "0 20 * * *" },
  // Reminders past 21:00 are of little use; a failed run retries a few times within the hour.
  queue: { retryLimit: 4, retryDelay: 60, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 1800 },
  async handle() {
    const { sendDueReminders } = await import("@/lib/garbage/reminders");
    const result = await sendDueReminders(db);
    console.log(`[jobs] garbage.send-reminders: ${result.queued} reminders queued (${result.checked} subscriptions checked)`);
  },
});

export const GARBAGE_JOBS = [fillReadingsJob, sendRemindersJob] as JobDefinition<never>[];
