import { describe, expect, it } from "vitest";
import { PgBoss } from "pg-boss";
import { useTestDatabase } from "@/scripts/test/db";
import { defineJob } from "@/lib/jobs/define-job";
import { enqueue, installJobQueues, JOB_SCHEMA, startJobSender, startWorker, stopJobSender } from "@/lib/jobs/boss";
import { resetEnvCache } from "@/lib/env";
import { purgeAuthRecords } from "@/lib/maintenance/purge-auth-records";
import { seedStaff } from "@/scripts/test/factories";

const t = useTestDatabase();

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("job queue", () => {
  it("retries a failing job with backoff and records the final failure; a flaky one succeeds on retry", async () => {
    const attempts: Record<string, number> = {};
    const flaky = defineJob<{ key: string }>({
      name: "test.flaky",
      queue: { retryLimit: 3, retryDelay: 1, retryBackoff: false },
      pollingIntervalSeconds: 0.5,
      async handle({ key }) {
        attempts[key] = (attempts[key] ?? 0) + 1;
        if (attempts[key]! < 2) throw new Error("temporary failure");
      },
    });
    const broken = defineJob<{ key: string }>({
      name: "test.broken",
      queue: { retryLimit: 1, retryDelay: 1, retryBackoff: false },
      pollingIntervalSeconds: 0.5,
      async handle() {
        throw new Error("permanent failure");
      },
    });
    const jobs = [flaky, broken] as never[];
    await installJobQueues(t.url, jobs);
    const worker = await startWorker(jobs, { connectionString: t.url });
    const boss = new PgBoss({ connectionString: t.url, schema: JOB_SCHEMA, supervise: false, schedule: false, migrate: false });
    await boss.start();
    try {
      const flakyId = (await boss.send("test.flaky", { key: "a" }))!;
      const brokenId = (await boss.send("test.broken", { key: "b" }))!;
      const state = (name: string, id: string) => async () => (await boss.findJobs(name, { id }))[0];
      const flakyJob = await waitFor(state("test.flaky", flakyId), (j) => j?.state === "completed");
      const brokenJob = await waitFor(state("test.broken", brokenId), (j) => j?.state === "failed");
      expect(flakyJob?.state).toBe("completed");
      expect(attempts.a).toBe(2);
      expect(brokenJob?.state).toBe("failed");
      expect(brokenJob?.retryCount).toBe(1);
      expect(JSON.stringify(brokenJob?.output)).toContain("permanent failure");
    } finally {
      await worker.stop();
      await boss.stop({ graceful: false });
    }
  });
});

describe("job queue wake-up", () => {
  it("a job created now is fetched at once (NOTIFY), not at the worker's next poll", async () => {
    const handled: Record<string, number> = {};
    const slow = defineJob<{ key: string }>({
      name: "test.notified",
      // A poll every 20 s: only the wake-up can make the job run within the next few seconds.
      pollingIntervalSeconds: 20,
      async handle({ key }) {
        handled[key] = Date.now();
      },
    });
    const jobs = [slow] as never[];
    await installJobQueues(t.url, jobs);
    const worker = await startWorker(jobs, { connectionString: t.url });
    const boss = new PgBoss({ connectionString: t.url, schema: JOB_SCHEMA, supervise: false, schedule: false, migrate: false });
    await boss.start();
    try {
      // The worker's first poll happens at start; wait until it is idle on its 20 s interval.
      await new Promise((r) => setTimeout(r, 1_000));
      const sentAt = Date.now();
      await boss.send("test.notified", { key: "now" });
      await waitFor(async () => handled.now, (at) => at !== undefined, 10_000);
      expect(handled.now! - sentAt).toBeLessThan(3_000);
    } finally {
      await worker.stop();
      await boss.stop({ graceful: false });
    }
  });
});

describe("auth housekeeping", () => {
  it("purges stale throttle rows and long-ended sessions, keeping current ones", async () => {
    const now = new Date("2026-11-27T03:15:00Z");
    const staff = await seedStaff(t.db);
    await t.db.loginThrottle.createMany({
      data: [
        { emailKey: "old@example.jp", failedCount: 2, lastFailedAt: new Date(now.getTime() - 2 * 86_400_000) },
        { emailKey: "recent@example.jp", failedCount: 2, lastFailedAt: new Date(now.getTime() - 3_600_000) },
        { emailKey: "locked@example.jp", failedCount: 5, lastFailedAt: new Date(now.getTime() - 2 * 86_400_000), lockedUntil: new Date(now.getTime() + 60_000) },
      ],
    });
    const day = 86_400_000;
    await t.db.staffSession.createMany({
      data: [
        { staffId: staff.id, expiresAt: new Date(now.getTime() - 100 * day), endedAt: new Date(now.getTime() - 91 * day), endReason: "sign-out" },
        { staffId: staff.id, expiresAt: new Date(now.getTime() - 5 * day), endedAt: new Date(now.getTime() - 6 * day), endReason: "sign-out" },
        { staffId: staff.id, expiresAt: new Date(now.getTime() + day) },
      ],
    });
    expect(await purgeAuthRecords(t.db, now)).toEqual({ throttles: 1, sessions: 1 });
    expect((await t.db.loginThrottle.findMany()).map((r) => r.emailKey).sort()).toEqual(["locked@example.jp", "recent@example.jp"]);
    expect(await t.db.staffSession.count({ where: { staffId: staff.id } })).toBe(2);
  });
});

describe("job sender", () => {
  it("the job sender started ahead (the web server at boot) is tried again by the next job when its database was not reachable", async () => {
    const job = defineJob<{ n: number }>({ name: "test.sender", queue: { retryLimit: 0 }, async handle() {} });
    await installJobQueues(t.url, [job] as never[]);
    const saved = process.env.DATABASE_URL;
    try {
      // Nothing listens on port 1.
      process.env.DATABASE_URL = "postgresql://nobody:nothing@127.0.0.1:1/none";
      resetEnvCache();
      await expect(startJobSender()).rejects.toThrow();
      process.env.DATABASE_URL = t.url;
      resetEnvCache();
      await startJobSender();
      const id = await enqueue(job, { n: 1 });
      expect(id).toBeTruthy();
    } finally {
      await stopJobSender();
      process.env.DATABASE_URL = saved;
      resetEnvCache();
    }
  });
});
