// The record of accepted sends: compact storage across arena chunks, per-recipient queries, the
// exactly-once counts, and snapshots.
import { describe, expect, it } from "vitest";
import { syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { FriendStore } from "./friends";
import { MessageLog, RecipientArena } from "./message-log";

describe("[RECORD] recipient arena", () => {
  it("keeps every copied array intact across chunks, with the prefault thread on", async () => {
    const arena = new RecipientArena();
    const views: Int32Array[] = [];
    // 40,000 × 500 ints = 80 MB: crosses several 16 MB chunks.
    for (let i = 0; i < 40_000; i++) {
      views.push(arena.copy(Int32Array.from({ length: 500 }, (_, k) => i * 1000 + k)));
      if (i % 5000 === 0) await new Promise((resolve) => setTimeout(resolve, 5)); // let prefaulted chunks arrive
    }
    for (const i of [0, 8388, 8389, 20_000, 39_999]) {
      expect(views[i]![0]).toBe(i * 1000);
      expect(views[i]![499]).toBe(i * 1000 + 499);
    }
    expect(arena.copyPositions([3, 1, 4])).toEqual(Int32Array.of(3, 1, 4));
    arena.close();
  });
});

describe("[RECORD] message log", () => {
  const friends = new FriendStore(() => Date.now());
  friends.loadSynthetic(100);
  const arena = new RecipientArena({ prefault: false });

  function sample(): MessageLog {
    const log = new MessageLog();
    log.add({ requestId: "r1", endpoint: "multicast", acceptedAt: 1000, retryKey: "k1", messages: [{ type: "text", text: "a" }], notificationDisabled: false, recipients: arena.copy(Int32Array.of(1, 2, 37)), undelivered: arena.copyPositions([2]) });
    log.add({ requestId: "r2", endpoint: "push", acceptedAt: 2000, retryKey: null, messages: [{ type: "text", text: "b" }], notificationDisabled: true, recipients: Int32Array.of(2), undelivered: null, sentMessages: [{ id: "1" }] });
    return log;
  }

  it("answers per recipient, by request, key, endpoint and cursor", () => {
    const log = sample();
    expect(log.query(friends, { userId: syntheticLineUserId(2) }).rows.map((r) => r.requestId)).toEqual(["r1", "r2"]);
    expect(log.query(friends, { requestId: "r1" }).rows.map((r) => [r.userId, r.delivered])).toEqual([
      [syntheticLineUserId(1), true],
      [syntheticLineUserId(2), true],
      [syntheticLineUserId(37), false],
    ]);
    expect(log.query(friends, { retryKey: "k1", delivered: false }).rows).toHaveLength(1);
    expect(log.query(friends, { endpoint: "push" }).rows[0]).toMatchObject({ sentMessages: [{ id: "1" }], notificationDisabled: true });
    expect(log.query(friends, { afterSeq: 1 }).rows.map((r) => r.requestId)).toEqual(["r2"]);
    expect(log.query(friends, { userId: `U${"0".repeat(32)}` }).rows).toEqual([]);
    expect(log.stats()).toMatchObject({ requests: 2, recipients: 4, delivered: 3, notDelivered: 1, requestsByEndpoint: { multicast: 1, push: 1 } });
  });

  it("counts deliveries per user (duplicates show up)", () => {
    const counts = sample().deliveryCounts(friends);
    expect(counts.get(syntheticLineUserId(2))).toBe(2);
    expect(counts.has(syntheticLineUserId(37))).toBe(false);
  });

  it("survives a snapshot", () => {
    const restored = MessageLog.fromJSON(JSON.parse(JSON.stringify(sample().toJSON())));
    expect(restored.query(friends, {}).rows).toEqual(sample().query(friends, {}).rows);
    expect(restored.byRequest("r1")?.undelivered).toEqual(Int32Array.of(2));
  });
});
