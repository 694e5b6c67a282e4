// The delivery engine against the LINE emulator: a two-person-approved broadcast to a segment, in two
// languages, reaches exactly the segment's residents once, each in their language; faults (500s,
// accepted-then-dropped connections, a dead worker's batches) never lose or duplicate anyone; LINE's
// 400 is a recorded permanent failure; cancel stops what is left.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTTPFetchError } from "@line/bot-sdk";
import { useTestDatabase } from "@/scripts/test/db";
import { startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { resetEnvCache } from "@/lib/env";
import { resetLineClients } from "@/lib/line/clients";
import { seedDemoCity } from "@/lib/seed/seed-demo-city";
import { seedStaff } from "@/scripts/test/factories";
import { saveSegment } from "@/lib/segments/manage-segments";
import { approveBroadcast, cancelBroadcast, saveBroadcastDraft, submitBroadcast, type BroadcastActor } from "@/lib/broadcasts/manage-broadcasts";
import { validateWithLine } from "@/lib/broadcasts/validate-with-line";
import { startDeliveryRun } from "@/lib/delivery/start-run";
import { runDeliveryLane, type MulticastSender, lineMulticast } from "@/lib/delivery/send-lane";
import { finishRunIfDone } from "@/lib/delivery/finish-run";
import { findStalledRuns } from "@/lib/delivery/jobs";
import { prepareRemainingBatches, PREPARE_STALL_MS } from "@/lib/delivery/prepare-run";
import { broadcastRuns } from "@/lib/delivery/progress";
import { DELIVERY_POOL_SIZE, closeDeliveryPools, deliveryPool, openDeliveryConnections } from "@/lib/delivery/pool";
import { decodeRecipients } from "@/lib/delivery/recipients";
import { segmentWhere } from "@/lib/segments/to-where";
import { parseSegmentFilter } from "@/lib/segments/filter";
import { rebuildSegmentIndex } from "@/lib/segments/segment-index";
import type { Db } from "@/lib/db";

const t = useTestDatabase();
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({ friends: 1200 });
  // Quiet hours off, except in the test about them (this suite may run at night).
  Object.assign(process.env, emulator.env, { APP_URL: "http://localhost:3999", LINE_MULTICAST_RATE_LIMIT: "2000", DELIVERY_RATE_SHARE: "0.9", BROADCAST_QUIET_HOURS: "off" });
  resetEnvCache();
  resetLineClients();
  await seedDemoCity(t.db, t.url);
});

afterAll(async () => {
  await closeDeliveryPools();
  await emulator?.close();
});

async function staffPair(db: Db): Promise<{ editor: BroadcastActor; approver: BroadcastActor }> {
  const e = await seedStaff(db, { roles: ["EDITOR"] });
  const a = await seedStaff(db, { roles: ["APPROVER"] });
  return { editor: { id: e.id, label: e.name, roles: e.roles }, approver: { id: a.id, label: a.name, roles: a.roles } };
}

async function approvedBroadcast(db: Db, options: { title: string; segmentId: string | null }) {
  const { editor, approver } = await staffPair(db);
  const { id } = await saveBroadcastDraft(db, {
    actor: editor,
    input: {
      title: options.title,
      segmentId: options.segmentId,
      notificationDisabled: false,
      schedule: { kind: "NOW" },
      content: { variants: { ja: [{ type: "text", text: `${options.title}（日本語）` }], en: [{ type: "text", text: `${options.title} (English)` }] } },
    },
  });
  await submitBroadcast(db, { broadcastId: id, actor: editor, validate: validateWithLine });
  const approved = await approveBroadcast(db, { broadcastId: id, actor: approver });
  return { id, approved, editor, approver };
}

async function multicastRows(retryKeys?: Set<string>) {
  const result = await emulator.admin("GET", "/messages?endpoint=multicast&limit=100000");
  const rows = result.json.messages as { userId: string; delivered: boolean; retryKey: string; messages: { text?: string }[] }[];
  return retryKeys ? rows.filter((r) => retryKeys.has(r.retryKey)) : rows;
}

async function batchKeys(db: Db, runId: string): Promise<Set<string>> {
  return new Set((await db.deliveryBatch.findMany({ where: { runId }, select: { retryKey: true } })).map((b) => b.retryKey));
}

async function sendAll(runId: string, lanes = 2, send?: MulticastSender, prepare?: () => Promise<unknown>) {
  const pool = deliveryPool(t.url);
  const results = await Promise.all(Array.from({ length: lanes }, () => runDeliveryLane({ runId, pool, concurrency: 8, send, prepare })));
  await finishRunIfDone(t.db, runId);
  return results;
}

describe("[BROADCASTS] delivery engine", () => {
  it("sends a segment, each resident once in their language; blocked residents never", async () => {
    const districts = await t.db.district.findMany({ orderBy: { sortOrder: "asc" }, take: 8 });
    const { id: segmentId } = await saveSegment(t.db, {
      actor: (await staffPair(t.db)).editor,
      input: {
        name: "北部の地区",
        description: "",
        filter: { combine: "or", groups: [{ combine: "and", conditions: [{ kind: "district", districtIds: districts.map((d) => d.id) }] }, { combine: "and", conditions: [{ kind: "language", values: ["en"] }] }] },
      },
    });
    const { id, approved } = await approvedBroadcast(t.db, { title: "北部のお知らせ", segmentId });
    const broadcast = await t.db.broadcast.findUniqueOrThrow({ where: { id } });
    const where = segmentWhere(parseSegmentFilter(broadcast.targetFilter), { sendDate: new Date() });
    const expected = await t.db.$queryRawUnsafe<{ line_user_id: string; preferred_language: string }[]>(
      `select line_user_id, preferred_language from resident r where ${where.text}`,
      ...where.values,
    );
    expect(expected.length).toBeGreaterThan(200);
    expect(approved.recipients).toBe(expected.length);

    const start = await startDeliveryRun(t.db, { broadcastId: id, actor: null });
    expect(start).toMatchObject({ started: true, recipients: expected.length });
    if (!start.started) throw new Error("not started");
    const batches = await t.db.deliveryBatch.findMany({ where: { runId: start.runId } });
    expect(batches.every((b) => b.recipientCount <= 500 && decodeRecipients(b.recipients).length === b.recipientCount)).toBe(true);
    expect(new Set(batches.map((b) => b.retryKey)).size).toBe(batches.length);
    // One language per batch: English residents in English batches, everyone else (incl. languages without a variant) in Japanese.
    expect(new Set(batches.map((b) => b.language))).toEqual(new Set(["ja", "en"]));

    await sendAll(start.runId);
    const rows = await multicastRows(await batchKeys(t.db, start.runId));
    const received = new Map(rows.map((r) => [r.userId, r]));
    expect(rows.length).toBe(expected.length);
    expect(received.size).toBe(expected.length);
    for (const resident of expected) {
      const row = received.get(resident.line_user_id);
      expect(row, resident.line_user_id).toBeDefined();
      expect(row!.messages[0]!.text).toBe(resident.preferred_language === "en" ? "北部のお知らせ (English)" : "北部のお知らせ（日本語）");
    }
    const blocked = await t.db.resident.findMany({ where: { followStatus: "BLOCKED" }, select: { lineUserId: true } });
    expect(blocked.some((b) => received.has(b.lineUserId))).toBe(false);

    const run = await t.db.deliveryRun.findUniqueOrThrow({ where: { id: start.runId } });
    expect(run.status).toBe("SENT");
    expect((await t.db.broadcast.findUniqueOrThrow({ where: { id } })).status).toBe("SENT");
    const summary = await emulator.admin("GET", "/messages/summary?endpoint=multicast");
    expect(summary.json.duplicateCount).toBe(0);
  });

  it("residents who changed since the segment bitmaps were built are decided by the segment's SQL", async () => {
    const [district] = await t.db.district.findMany({ orderBy: { sortOrder: "asc" }, skip: 12, take: 1 });
    const editor = (await staffPair(t.db)).editor;
    const { id: segmentId } = await saveSegment(t.db, {
      actor: editor,
      input: { name: "1地区と英語", description: "", filter: { combine: "and", groups: [{ combine: "or", conditions: [{ kind: "district", districtIds: [district!.id] }, { kind: "language", values: ["en"] }] }] } },
    });
    // After the build: some move in, some move out, one blocks, one switches to English, one is new.
    const moved = await t.db.resident.findMany({ where: { followStatus: "FOLLOWING", districtId: { not: district!.id }, registeredAt: { not: null } }, take: 5, select: { id: true } });
    await t.db.resident.updateMany({ where: { id: { in: moved.map((m) => m.id) } }, data: { districtId: district!.id } });
    const leaving = await t.db.resident.findMany({ where: { followStatus: "FOLLOWING", districtId: district!.id, preferredLanguage: { not: "en" } }, take: 3, select: { id: true } });
    await t.db.resident.updateMany({ where: { id: { in: leaving.map((m) => m.id) } }, data: { districtId: null, registeredAt: null } });
    const blocking = await t.db.resident.findFirstOrThrow({ where: { followStatus: "FOLLOWING", preferredLanguage: "en" } });
    await t.db.resident.update({ where: { id: blocking.id }, data: { followStatus: "BLOCKED" } });
    const switching = await t.db.resident.findFirstOrThrow({ where: { followStatus: "FOLLOWING", preferredLanguage: "ja", districtId: { not: district!.id } } });
    await t.db.resident.update({ where: { id: switching.id }, data: { preferredLanguage: "en" } });
    expect(await t.db.segmentDirty.count()).toBeGreaterThan(0);

    const { id } = await approvedBroadcast(t.db, { title: "変更後の配信", segmentId });
    const start = await startDeliveryRun(t.db, { broadcastId: id, actor: null });
    if (!start.started) throw new Error("not started");
    const broadcast = await t.db.broadcast.findUniqueOrThrow({ where: { id } });
    const where = segmentWhere(parseSegmentFilter(broadcast.targetFilter), { sendDate: new Date() });
    const expected = await t.db.$queryRawUnsafe<{ line_user_id: string; preferred_language: string }[]>(`select line_user_id, preferred_language from resident r where ${where.text}`, ...where.values);
    const batches = await t.db.deliveryBatch.findMany({ where: { runId: start.runId } });
    const selected = new Map(batches.flatMap((b) => decodeRecipients(b.recipients).map((u) => [u, b.language] as const)));
    expect(selected.size).toBe(batches.reduce((n, b) => n + b.recipientCount, 0));
    expect(new Map(expected.map((r) => [r.line_user_id, r.preferred_language === "en" ? "en" : "ja"]))).toEqual(selected);
    expect(selected.get((await t.db.resident.findUniqueOrThrow({ where: { id: switching.id } })).lineUserId)).toBe("en");
    expect(selected.has(blocking.lineUserId)).toBe(false);
    await sendAll(start.runId);
    expect((await multicastRows(await batchKeys(t.db, start.runId))).length).toBe(expected.length);
  });

  it("without a usable bitmap build the segment's SQL makes every batch: each resident once, in their language, 500 at most", async () => {
    await t.db.$executeRawUnsafe("delete from segment_index_build");
    try {
      const { id } = await approvedBroadcast(t.db, { title: "索引なしの配信", segmentId: null });
      const expected = await t.db.$queryRawUnsafe<{ line_user_id: string; preferred_language: string }[]>(
        "select line_user_id, preferred_language from resident where follow_status = 'FOLLOWING'",
      );
      expect(expected.filter((r) => r.preferred_language !== "en").length).toBeGreaterThan(1000);
      const start = await startDeliveryRun(t.db, { broadcastId: id, actor: null });
      if (!start.started) throw new Error("not started");
      expect(start).toMatchObject({ prepared: true, recipients: expected.length });
      const batches = await t.db.deliveryBatch.findMany({ where: { runId: start.runId }, orderBy: { seq: "asc" } });
      expect(batches.map((b) => b.seq)).toEqual(batches.map((_, i) => i + 1));
      expect(batches.every((b) => b.recipientCount >= 1 && b.recipientCount <= 500 && decodeRecipients(b.recipients).length === b.recipientCount)).toBe(true);
      // Full batches first in each language: ceil(n / 500) of them.
      const ja = batches.filter((b) => b.language === "ja");
      expect(ja.length).toBe(Math.ceil(ja.reduce((n, b) => n + b.recipientCount, 0) / 500));
      const selected = new Map(batches.flatMap((b) => decodeRecipients(b.recipients).map((u) => [u, b.language] as const)));
      expect(selected.size).toBe(expected.length);
      expect(selected).toEqual(new Map(expected.map((r) => [r.line_user_id, r.preferred_language === "en" ? "en" : "ja"])));
      await sendAll(start.runId);
      expect((await multicastRows(await batchKeys(t.db, start.runId))).length).toBe(expected.length);
    } finally {
      await rebuildSegmentIndex(t.url);
    }
  });

  it("batches made in slices while the first ones are sent: the segment at \"send\", each resident once, in their language", async () => {
    const [district] = await t.db.district.findMany({ orderBy: { sortOrder: "asc" }, skip: 3, take: 1 });
    const editor = (await staffPair(t.db)).editor;
    const { id: segmentId } = await saveSegment(t.db, {
      actor: editor,
      input: { name: "1地区か英語か登録者", description: "", filter: { combine: "or", groups: [{ combine: "and", conditions: [{ kind: "district", districtIds: [district!.id] }] }, { combine: "and", conditions: [{ kind: "language", values: ["en"] }] }, { combine: "and", conditions: [{ kind: "registered", value: true }] }] } },
    });
    // Changed since the bitmap build (decided by the segment's SQL in whichever slice they fall).
    const leaving = await t.db.resident.findMany({ where: { followStatus: "FOLLOWING", registeredAt: { not: null }, districtId: { not: district!.id }, preferredLanguage: "ja" }, orderBy: { segPosition: "desc" }, take: 4, select: { id: true } });
    await t.db.resident.updateMany({ where: { id: { in: leaving.map((m) => m.id) } }, data: { registeredAt: null } });
    const { id } = await approvedBroadcast(t.db, { title: "分割作成の配信", segmentId });
    const broadcast = await t.db.broadcast.findUniqueOrThrow({ where: { id } });
    const where = segmentWhere(parseSegmentFilter(broadcast.targetFilter), { sendDate: new Date() });
    const expected = await t.db.$queryRawUnsafe<{ line_user_id: string; preferred_language: string; seg_pos: number }[]>(
      `select line_user_id, preferred_language, seg_pos from resident r where ${where.text}`,
      ...where.values,
    );
    expect(expected.length).toBeGreaterThan(300);

    // Slices of 64 and then 128 positions: the demo city's ~1,200 residents make about ten.
    const start = await startDeliveryRun(t.db, { broadcastId: id, actor: null, slices: { first: 64, rest: 128 } });
    if (!start.started) throw new Error("not started");
    expect(start).toMatchObject({ prepared: false, recipients: expected.length });
    expect(start.batches).toBeGreaterThan(0);
    // The progress counts the residents whose batches are not made yet as remaining.
    const [progress] = await broadcastRuns(t.db, id);
    expect(progress).toMatchObject({ recipients: expected.length, sent: 0, remaining: expected.length });
    // After "send", before its slice is made: a resident blocks the account, so they get nothing.
    const lateBlocker = expected.filter((r) => r.seg_pos >= 512).at(-1)!;
    await t.db.resident.update({ where: { lineUserId: lateBlocker.line_user_id }, data: { followStatus: "BLOCKED" } });

    // The preparer and two lanes at the same time, as after startBroadcastNow.
    const [made] = await Promise.all([prepareRemainingBatches(t.db, start.runId, { first: 64, rest: 128 }), sendAll(start.runId)]);
    expect(made).toBeGreaterThan(start.batches);
    const batches = await t.db.deliveryBatch.findMany({ where: { runId: start.runId }, orderBy: { seq: "asc" } });
    expect(batches.map((b) => b.seq)).toEqual(batches.map((_, i) => i + 1));
    expect(batches.every((b) => b.recipientCount >= 1 && b.recipientCount <= 500 && b.status === "SENT")).toBe(true);
    const wanted = new Map(expected.filter((r) => r !== lateBlocker).map((r) => [r.line_user_id, r.preferred_language === "en" ? "en" : "ja"]));
    const selected = new Map(batches.flatMap((b) => decodeRecipients(b.recipients).map((u) => [u, b.language] as const)));
    expect(selected.size).toBe(batches.reduce((n, b) => n + b.recipientCount, 0));
    expect(selected).toEqual(wanted);

    const rows = await multicastRows(await batchKeys(t.db, start.runId));
    expect(rows.length).toBe(wanted.size);
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set(wanted.keys()));
    const run = await t.db.deliveryRun.findUniqueOrThrow({ where: { id: start.runId } });
    expect(run).toMatchObject({ status: "SENT", recipients: wanted.size, batchCount: batches.length, selectionBits: null });
    expect(run.preparedAt).not.toBeNull();
  });

  it("a preparer that stopped is replaced by a lane; cancel stops the slices", async () => {
    const first = await approvedBroadcast(t.db, { title: "準備の引き継ぎ", segmentId: null });
    const start = await startDeliveryRun(t.db, { broadcastId: first.id, actor: null, slices: { first: 256, rest: 256 } });
    if (!start.started || start.prepared) throw new Error("expected a sliced run");
    // Its preparer died right after the start transaction: nobody made a slice for longer than the stall time.
    await t.db.deliveryRun.update({ where: { id: start.runId }, data: { preparingAt: new Date(Date.now() - PREPARE_STALL_MS - 1_000) } });
    await sendAll(start.runId, 2, undefined, () => prepareRemainingBatches(t.db, start.runId, { first: 256, rest: 256 }));
    const rows = await multicastRows(await batchKeys(t.db, start.runId));
    const following = await t.db.resident.count({ where: { followStatus: "FOLLOWING" } });
    expect(rows.length).toBe(following);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(following);
    expect((await t.db.deliveryRun.findUniqueOrThrow({ where: { id: start.runId } })).status).toBe("SENT");

    const second = await approvedBroadcast(t.db, { title: "準備中の取り消し", segmentId: null });
    const canceled = await startDeliveryRun(t.db, { broadcastId: second.id, actor: null, slices: { first: 256, rest: 256 } });
    if (!canceled.started || canceled.prepared) throw new Error("expected a sliced run");
    await cancelBroadcast(t.db, { broadcastId: second.id, actor: second.approver });
    expect(await prepareRemainingBatches(t.db, canceled.runId)).toBe(0);
    expect(await t.db.deliveryBatch.count({ where: { runId: canceled.runId } })).toBe(canceled.batches);
    await sendAll(canceled.runId);
    expect(await multicastRows(await batchKeys(t.db, canceled.runId))).toEqual([]);
    expect(await t.db.deliveryRun.findUniqueOrThrow({ where: { id: canceled.runId } })).toMatchObject({ status: "CANCELED" });
  });

  it("500s and accepted-then-dropped connections are retried with the same key: exactly once", async () => {
    // Deterministic: the first request fails with 500, the next two are accepted and their connections dropped.
    await emulator.admin("PUT", "/faults/multicast", { errorNext: 1, dropAfterAcceptNext: 2 });
    try {
      const { id } = await approvedBroadcast(t.db, { title: "障害試験", segmentId: null });
      const start = await startDeliveryRun(t.db, { broadcastId: id, actor: null });
      if (!start.started) throw new Error("not started");
      // Retries back off; a few rounds of lanes finish it.
      for (let round = 0; round < 20; round++) {
        await sendAll(start.runId, 2);
        const open = await t.db.deliveryBatch.count({ where: { runId: start.runId, status: { in: ["PENDING", "SENDING"] } } });
        if (open === 0) break;
      }
      const rows = await multicastRows(await batchKeys(t.db, start.runId));
      expect(new Set(rows.map((r) => r.userId)).size).toBe(start.recipients);
      expect(rows.length).toBe(start.recipients);
      const statuses = await t.db.deliveryBatch.groupBy({ by: ["httpStatus"], where: { runId: start.runId }, _count: true });
      expect(statuses.some((s) => s.httpStatus === 409)).toBe(true);
      expect((await t.db.deliveryRun.findUniqueOrThrow({ where: { id: start.runId } })).status).toBe("SENT");
    } finally {
      await emulator.admin("DELETE", "/faults");
    }
  });

  it("a worker that died mid-batch: its batches are claimed again after the lease and answered 409", async () => {
    const { id } = await approvedBroadcast(t.db, { title: "再送の試験", segmentId: null });
    const start = await startDeliveryRun(t.db, { broadcastId: id, actor: null });
    if (!start.started) throw new Error("not started");
    // The dead worker had claimed three batches and LINE had accepted them; then it was killed.
    const claimed = await t.db.deliveryBatch.findMany({ where: { runId: start.runId }, orderBy: { seq: "asc" }, take: 3 });
    const run = await t.db.deliveryRun.findUniqueOrThrow({ where: { id: start.runId } });
    for (const batch of claimed) {
      const messages = (run.messages as Record<string, unknown[]>)[batch.language] as never;
      await lineMulticast({ to: decodeRecipients(batch.recipients), messages, notificationDisabled: false, retryKey: batch.retryKey });
    }
    await t.db.deliveryBatch.updateMany({ where: { id: { in: claimed.map((b) => b.id) } }, data: { status: "SENDING", attempts: 1, leaseUntil: new Date(Date.now() - 1000) } });
    await sendAll(start.runId);
    const after = await t.db.deliveryBatch.findMany({ where: { id: { in: claimed.map((b) => b.id) } } });
    expect(after.map((b) => [b.status, b.httpStatus])).toEqual(after.map(() => ["SENT", 409]));
    const rows = await multicastRows(await batchKeys(t.db, start.runId));
    expect(rows.length).toBe(start.recipients);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(start.recipients);
  });

  it("a run whose worker died is found when its work stays unclaimed — not while a lane waits for a retry time or a lease", async () => {
    const { id } = await approvedBroadcast(t.db, { title: "停止した配信の再開", segmentId: null });
    const start = await startDeliveryRun(t.db, { broadcastId: id, actor: null });
    if (!start.started) throw new Error("not started");
    const stalledIds = async () => (await findStalledRuns(t.db)).map((r) => r.runId);
    const set = async (batch: { status: "PENDING" | "SENDING"; leaseSeconds: number | null; retryInSeconds: number }, silentSeconds: number) => {
      await t.db.$executeRawUnsafe(
        `update delivery_batch set status = $2::delivery_batch_status,
                lease_until = case when $3::int is null then null else now() + $3::int * interval '1 second' end,
                next_attempt_at = now() + $4::int * interval '1 second', updated_at = now() - $5::int * interval '1 second'
         where run_id = $1::uuid`,
        start.runId,
        batch.status,
        batch.leaseSeconds,
        batch.retryInSeconds,
        silentSeconds,
      );
      await t.db.$executeRawUnsafe(`update delivery_run set started_at = now() - $2::int * interval '1 second', preparing_at = null where id = $1::uuid`, start.runId, silentSeconds);
    };
    // Just started, batches claimable: a lane is expected to claim them within the second.
    expect(await stalledIds()).not.toContain(start.runId);
    await set({ status: "PENDING", leaseSeconds: null, retryInSeconds: -3 }, 3);
    expect(await stalledIds()).not.toContain(start.runId);
    // Claimable for 15 s and nothing written: nobody is at work.
    await set({ status: "PENDING", leaseSeconds: null, retryInSeconds: -15 }, 15);
    expect(await findStalledRuns(t.db)).toContainEqual({ runId: start.runId, open: start.batches, prepared: true });
    // A dead worker's batches: not while their leases run; found 10 s after they ran out.
    await set({ status: "SENDING", leaseSeconds: 10, retryInSeconds: -40 }, 20);
    expect(await stalledIds()).not.toContain(start.runId);
    await set({ status: "SENDING", leaseSeconds: -12, retryInSeconds: -60 }, 40);
    expect(await stalledIds()).toContain(start.runId);
    // Waiting for their retry time (LINE was down): a live lane waits for them without writing.
    await set({ status: "PENDING", leaseSeconds: null, retryInSeconds: 20 }, 40);
    expect(await stalledIds()).not.toContain(start.runId);
  });

  it("LINE's 400 is a permanent failure with its details; the run ends PARTIAL", async () => {
    const { id } = await approvedBroadcast(t.db, { title: "拒否の試験", segmentId: null });
    const start = await startDeliveryRun(t.db, { broadcastId: id, actor: null });
    if (!start.started) throw new Error("not started");
    const first = await t.db.deliveryBatch.findFirstOrThrow({ where: { runId: start.runId }, orderBy: { seq: "asc" } });
    const send: MulticastSender = async (request) => {
      if (request.retryKey === first.retryKey) {
        throw new HTTPFetchError("400 - Bad Request", {
          status: 400,
          statusText: "Bad Request",
          headers: new Headers({ "x-line-request-id": "req-400" }),
          body: JSON.stringify({ message: "The request body has 1 error(s)", details: [{ message: "May not be empty", property: "messages[0].text" }] }),
        });
      }
      return lineMulticast(request);
    };
    await sendAll(start.runId, 1, send);
    const failed = await t.db.deliveryBatch.findUniqueOrThrow({ where: { id: first.id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.httpStatus).toBe(400);
    expect(failed.errorDetails).toMatchObject({ details: [{ property: "messages[0].text" }] });
    expect((await t.db.deliveryRun.findUniqueOrThrow({ where: { id: start.runId } })).status).toBe("PARTIAL");
  });

  it("cancel stops the batches not yet sent", async () => {
    const { id, approver } = await approvedBroadcast(t.db, { title: "取り消しの試験", segmentId: null });
    const start = await startDeliveryRun(t.db, { broadcastId: id, actor: null });
    if (!start.started) throw new Error("not started");
    const { stoppedBatches } = await cancelBroadcast(t.db, { broadcastId: id, actor: approver });
    expect(stoppedBatches).toBe(start.batches);
    await sendAll(start.runId);
    expect(await multicastRows(await batchKeys(t.db, start.runId))).toEqual([]);
    const run = await t.db.deliveryRun.findUniqueOrThrow({ where: { id: start.runId } });
    expect(run.status).toBe("CANCELED");
    expect(run.finishedAt).not.toBeNull();
    expect((await t.db.broadcast.findUniqueOrThrow({ where: { id } })).status).toBe("CANCELED");
  });

  it("quiet hours hold a non-emergency send until they end", async () => {
    process.env.BROADCAST_QUIET_HOURS = "21:00-07:00";
    resetEnvCache();
    try {
      const { id } = await approvedBroadcast(t.db, { title: "夜間の試験", segmentId: null });
      const night = new Date(Date.now() + 7 * 86_400_000);
      night.setUTCHours(13, 30, 0, 0); // 22:30 in Japan
      const held = await startDeliveryRun(t.db, { broadcastId: id, now: night });
      const morning = new Date(night.getTime() + 8.5 * 3_600_000); // 07:00 the next day
      expect(held).toEqual({ started: false, reason: "quiet-hours", nextRunAt: morning });
      expect(await t.db.broadcast.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "APPROVED", nextRunAt: morning });
      expect(await startDeliveryRun(t.db, { broadcastId: id, now: new Date(morning.getTime() - 60_000) })).toMatchObject({ started: false, reason: "not-due" });
      expect(await startDeliveryRun(t.db, { broadcastId: id, now: morning })).toMatchObject({ started: true });
    } finally {
      process.env.BROADCAST_QUIET_HOURS = "off";
      resetEnvCache();
    }
  });

  it("a double start claims once (and the loser answers, not fails)", async () => {
    // The race is timing-dependent: the loser either reads SENDING or hits the claimed row in its
    // REPEATABLE READ transaction (then it is run again). Several rounds exercise both.
    for (let round = 1; round <= 20; round++) {
      const { id } = await approvedBroadcast(t.db, { title: `二重起動の試験 ${round}`, segmentId: null });
      const results = await Promise.all([startDeliveryRun(t.db, { broadcastId: id }), startDeliveryRun(t.db, { broadcastId: id })]);
      expect(results.filter((r) => r.started)).toHaveLength(1);
      expect(results.filter((r) => !r.started)).toEqual([{ started: false, reason: "not-approved" }]);
      expect(await t.db.deliveryRun.count({ where: { broadcastId: id } })).toBe(1);
    }
  });

  it("the worker's delivery connections are opened ahead of a send and kept while idle", async () => {
    const pool = deliveryPool(t.url);
    await openDeliveryConnections(pool);
    expect(pool.totalCount).toBe(DELIVERY_POOL_SIZE);
    expect(pool.idleCount).toBe(DELIVERY_POOL_SIZE);
    // pg would close idle connections after 10 s; these stay, without keeping a process alive.
    expect(pool.options).toMatchObject({ idleTimeoutMillis: 0, allowExitOnIdle: true });
    const [open] = await t.db.$queryRawUnsafe<{ n: number }[]>(
      "select count(*)::int as n from pg_stat_activity where application_name = 'kairan-delivery' and datname = current_database()",
    );
    expect(open!.n).toBeGreaterThanOrEqual(DELIVERY_POOL_SIZE);
  });
});
