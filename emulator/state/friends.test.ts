// The friend store: synthetic residents match lib/demo exactly, lookups are exact (a one-digit
// difference is another user), a million friends load compactly, and status changes stick.
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { SYNTHETIC_LINE_ID_PREFIX, syntheticDisplayName, syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { isSyntheticResidentBlocked } from "@/lib/demo/constants";
import { BLOCKED, FRIEND, FriendStore, NOT_FRIEND, isLineUserIdShape } from "./friends";
import { md5ShortAscii } from "./md5";

describe("[FRIENDS] md5 for synthetic ids", () => {
  it("equals node:crypto's md5", () => {
    const out = new Int32Array(4);
    for (const n of [1, 2, 37, 999, 123_456, 1_000_000, 99_999_999]) {
      const text = `${SYNTHETIC_LINE_ID_PREFIX}${n}`;
      md5ShortAscii(text, out, 0);
      const digest = createHash("md5").update(text).digest();
      expect([...out]).toEqual([digest.readInt32BE(0), digest.readInt32BE(4), digest.readInt32BE(8), digest.readInt32BE(12)]);
    }
  });
});

describe("[FRIENDS] synthetic residents", () => {
  const store = new FriendStore(() => Date.now());
  store.loadSynthetic(2000);

  it("knows resident n by the id and name lib/demo gives them", () => {
    for (const n of [1, 2, 37, 1999, 2000]) {
      expect(store.uidOf(syntheticLineUserId(n))).toBe(n);
      expect(store.profile(n)).toMatchObject({ userId: syntheticLineUserId(n), displayName: syntheticDisplayName(n) });
      expect(store.status(n)).toBe(isSyntheticResidentBlocked(n) ? BLOCKED : FRIEND);
    }
    expect(store.uidOf(syntheticLineUserId(2001))).toBe(0);
  });

  it("does not mistake a near-miss id for a friend", () => {
    const id = syntheticLineUserId(5);
    for (const position of [1, 8, 9, 16, 17, 24, 25, 32]) {
      const changed = id.slice(0, position) + (id[position] === "0" ? "1" : "0") + id.slice(position + 1);
      expect(store.uidOf(changed), `digit ${position}`).toBe(0);
    }
  });

  it("resolves a multicast `to` array in one call", () => {
    const unknown = `U${"c".repeat(32)}`;
    const ids = [syntheticLineUserId(1), syntheticLineUserId(37), unknown, syntheticLineUserId(3)];
    const uids = new Int32Array(ids.length);
    const notFriends: number[] = [];
    expect(store.resolveUserIds(ids, uids, notFriends)).toBe(-1);
    expect([uids[0], uids[1], uids[3]]).toEqual([1, 37, 3]);
    expect(uids[2]).toBeLessThan(0);
    expect(store.userIdOf(uids[2]!)).toBe(unknown);
    expect(notFriends).toEqual([1, 2]);
    expect(store.resolveUserIds([syntheticLineUserId(1), "Uxyz", 5], new Int32Array(3), [])).toBe(1);
    expect(store.resolveUserIds([syntheticLineUserId(1), 5], new Int32Array(2), [])).toBe(1);
  });

  it("keeps status changes (block, unblock) for lookups and iteration", () => {
    const s = new FriendStore(() => Date.now());
    s.loadSynthetic(100);
    const before = s.friendCount();
    s.setStatus(5, BLOCKED);
    expect(s.status(5)).toBe(BLOCKED);
    const notFriends: number[] = [];
    s.resolveUserIds([syntheticLineUserId(5)], new Int32Array(1), notFriends);
    expect(notFriends).toEqual([0]);
    expect(s.friendCount()).toBe(before - 1);
    expect([...s.friendUids()].map(([, uid]) => uid)).not.toContain(5);
    s.setStatus(5, FRIEND);
    expect(s.friendCount()).toBe(before);
    // Growing keeps changes; a snapshot restores them.
    s.setStatus(7, BLOCKED);
    s.loadSynthetic(200);
    expect(s.status(7)).toBe(BLOCKED);
    const restored = FriendStore.fromJSON(JSON.parse(JSON.stringify(s.toJSON())), () => Date.now());
    expect(restored.status(7)).toBe(BLOCKED);
    expect(restored.friendCount()).toBe(s.friendCount());
  });

  it("adds residents created by hand", () => {
    const s = new FriendStore(() => Date.now());
    s.loadSynthetic(10);
    const uid = s.createResident({ userId: `U${"d".repeat(32)}`, displayName: "新規 住民", status: NOT_FRIEND });
    expect(s.status(uid)).toBe(NOT_FRIEND);
    s.setStatus(uid, FRIEND);
    expect(s.friendCount()).toBe(10 - 0 + 1);
    expect(s.listResidents({ offset: 0, limit: 3 }).residents[0]).toMatchObject({ displayName: "新規 住民", status: "friend" });
    expect(() => s.createResident({ userId: `U${"d".repeat(32)}`, displayName: "x" })).toThrow();
  });

  it("checks the shape of user ids", () => {
    expect(isLineUserIdShape(syntheticLineUserId(1))).toBe(true);
    expect(isLineUserIdShape(syntheticLineUserId(1).toUpperCase())).toBe(false);
    expect(isLineUserIdShape(`C${"0".repeat(32)}`)).toBe(false);
    expect(isLineUserIdShape(`U${"0".repeat(31)}`)).toBe(false);
  });
});

describe("[FRIENDS] a million friends", () => {
  it("loads in seconds with a few tens of bytes per friend", () => {
    const before = process.memoryUsage();
    const started = performance.now();
    const store = new FriendStore(() => Date.now());
    store.loadSynthetic(1_000_000);
    const ms = performance.now() - started;
    const after = process.memoryUsage();
    const bytesPerFriend = (after.arrayBuffers + after.heapUsed - before.arrayBuffers - before.heapUsed) / 1_000_000;
    expect(store.uidOf(syntheticLineUserId(999_999))).toBe(999_999);
    expect(store.friendCount()).toBe(1_000_000 - Math.floor(1_000_000 / 37));
    // Slot table (32 B a slot: digest, resident number, status — one cache line a lookup) at ≤ 50 % load,
    // and the status bytes: ~70 B per friend.
    expect(bytesPerFriend).toBeLessThan(90);
    expect(ms).toBeLessThan(15_000);
  }, 30_000);
});
