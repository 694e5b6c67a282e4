// Who the channel's users are, and which of them are friends.
//
// Two kinds of users share one integer "uid" space so that records can store recipients compactly:
//   uid > 0  synthetic resident n (lib/demo/synthetic-residents.ts): nothing is stored per resident but
//            its 16-byte id digest (for id → n lookups), one status byte and a hash-table slot, so a
//            million friends cost ~30 MB and load in about a second;
//   uid < 0  every other user id the emulator has seen — residents created in the phone view or through
//            the admin API, and unknown ids that appeared in requests (kept so records can name them).
//
// LINE has no "unfriend" for official accounts: a user who leaves blocks the account (unfollow event),
// and following again unblocks it (follow event with isUnblocked=true; webhook.yml FollowDetail).
import { md5ShortAscii } from "./md5";
import { EMPTY_FRIEND_TABLE, SLOT_N, SLOT_STATUS, SLOT_WORDS, hexWord, isLineUserIdShape, probeFriendTable, resolveUserIdsInTable, type FriendTable } from "./friend-table";

export { isLineUserIdShape };
import { SYNTHETIC_LINE_ID_PREFIX, syntheticDisplayName, syntheticLineUserId } from "@/lib/demo/synthetic-residents";
import { isSyntheticResidentBlocked } from "@/lib/demo/constants";

export const NOT_FRIEND = 0;
export const FRIEND = 1;
export const BLOCKED = 2;
export type FriendStatus = typeof NOT_FRIEND | typeof FRIEND | typeof BLOCKED;
export const FRIEND_STATUS_NAMES = ["not-friend", "friend", "blocked"] as const;
export type FriendStatusName = (typeof FRIEND_STATUS_NAMES)[number];

export type Gender = "male" | "female";
export type Demographics = {
  gender?: Gender;
  /** Lower bound of the age bucket LINE uses (15, 20, … 70). */
  age?: number;
  appType: "ios" | "android";
  /** jp_01 … jp_47 (prefecture granularity only; FACTS.md §2). */
  area?: string;
};

export type Profile = {
  userId: string;
  displayName: string;
  pictureUrl?: string;
  statusMessage?: string;
  language?: string;
};

export type OtherUser = Profile & {
  /** "resident": a LINE user of this channel; "unknown": an id seen in a request that no one owns. */
  kind: "resident" | "unknown";
  status: FriendStatus;
  followedAt?: number;
  demographics?: Partial<Demographics>;
};

// The demo city is fictional; its residents are placed in one prefecture so that area filters
// (prefecture granularity only) select most of them, with a few living elsewhere.
const DEMO_AREA = "jp_13";
const DAY_MS = 24 * 60 * 60 * 1000;

const digestWords = new Int32Array(4);
/** Unique across stores: a reset or a loaded snapshot makes a new store whose table must not look old. */
let nextTableVersion = 1;

/** md5 of resident n's id seed as four int32 words (the id is "U" + their hex). */
function digestOf(n: number): Int32Array {
  md5ShortAscii(`${SYNTHETIC_LINE_ID_PREFIX}${n}`, digestWords, 0);
  return digestWords;
}

export class FriendStore {
  private synthetic = 0;
  /** id digest → synthetic resident (friend-table.ts); shared memory, so a parser thread can read it. */
  private friendTable: FriendTable = EMPTY_FRIEND_TABLE;
  /** Status per resident number (iteration order for followers and broadcasts). */
  private syntheticStatus = new Uint8Array(1);
  private syntheticFollowedAt = new Map<number, number>();
  private syntheticProfiles = new Map<number, Partial<Profile>>();

  private others: OtherUser[] = [];
  private otherUidByUserId = new Map<string, number>();
  /** Friends among `others`, kept current so counts do not need a scan. */
  private otherFriendCount = 0;
  private syntheticFriendCount = 0;

  constructor(private now: () => number) {}

  get syntheticCount(): number {
    return this.synthetic;
  }

  /** Makes synthetic residents 1..count users of the channel (friends unless the block rule says so). */
  loadSynthetic(count: number): void {
    if (count < 0 || !Number.isInteger(count)) throw new Error("synthetic friend count must be a non-negative integer");
    if (count >= 2 ** 28) throw new Error("at most 268,435,455 synthetic friends");
    const previous = this.syntheticStatus;
    const kept = Math.min(this.synthetic, count);
    const status = new Uint8Array(count + 1);
    status.set(previous.subarray(0, kept + 1));
    this.syntheticFriendCount = 0;
    for (let n = 1; n <= kept; n++) if (status[n] === FRIEND) this.syntheticFriendCount++;
    for (let n = kept + 1; n <= count; n++) {
      const blocked = isSyntheticResidentBlocked(n);
      status[n] = blocked ? BLOCKED : FRIEND;
      if (!blocked) this.syntheticFriendCount++;
    }
    for (const n of [...this.syntheticFollowedAt.keys()]) if (n > count) this.syntheticFollowedAt.delete(n);
    for (const n of [...this.syntheticProfiles.keys()]) if (n > count) this.syntheticProfiles.delete(n);
    this.syntheticStatus = status;
    this.synthetic = count;
    this.rebuildSlots();
  }

  private rebuildSlots(): void {
    let capacity = 16;
    while (capacity < this.synthetic * 2) capacity *= 2;
    // SharedArrayBuffers: the multicast parser thread (core/parse-offload.ts) probes the same memory.
    const slots = new Int32Array(new SharedArrayBuffer(capacity * SLOT_WORDS * 4));
    const mask = capacity - 1;
    for (let n = 1; n <= this.synthetic; n++) {
      const digest = digestOf(n);
      let slot = digest[0]! & mask;
      while (slots[slot * SLOT_WORDS + SLOT_N] !== 0) slot = (slot + 1) & mask;
      const k = slot * SLOT_WORDS;
      slots[k] = digest[0]!;
      slots[k + 1] = digest[1]!;
      slots[k + 2] = digest[2]!;
      slots[k + 3] = digest[3]!;
      slots[k + SLOT_N] = n;
      slots[k + SLOT_STATUS] = this.syntheticStatus[n]!;
    }
    this.friendTable = { slots, mask, version: nextTableVersion++ };
  }

  /** The lookup table for synthetic residents (shared with the parser thread). */
  get table(): FriendTable {
    return this.friendTable;
  }

  /** The slot of synthetic resident n (status updates keep the per-slot copy current). */
  private slotOf(n: number): number {
    const { slots, mask } = this.friendTable;
    let slot = digestOf(n)[0]! & mask;
    while (slots[slot * SLOT_WORDS + SLOT_N] !== n) slot = (slot + 1) & mask;
    return slot;
  }

  /** The uid of a known user id, or 0. Allocation-free for synthetic residents. */
  uidOf(userId: string): number {
    if (this.synthetic > 0 && userId.length === 33 && userId.charCodeAt(0) === 85) {
      const slot = probeFriendTable(this.friendTable, hexWord(userId, 1), hexWord(userId, 9), hexWord(userId, 17), hexWord(userId, 25));
      if (slot >= 0) return this.friendTable.slots[slot * SLOT_WORDS + SLOT_N]!;
    }
    return this.otherUidByUserId.get(userId) ?? 0;
  }

  /**
   * Resolves a multicast `to` array: uids into `uids`, and the positions of recipients who are not
   * friends into `notFriends`. Unknown but well-formed ids are remembered. Returns -1, or the position
   * of the first entry that is not a user id.
   */
  resolveUserIds(ids: unknown[], uids: Int32Array, notFriends: number[]): number {
    const unknown: number[] = [];
    const invalid = resolveUserIdsInTable(this.synthetic > 0 ? this.friendTable : EMPTY_FRIEND_TABLE, ids, uids, notFriends, unknown);
    if (invalid >= 0) return invalid;
    if (unknown.length > 0) this.resolveUnknown(ids, unknown, uids, notFriends);
    return -1;
  }

  /** Ids the synthetic table does not know: hand-made residents, or ids never seen before. */
  resolveUnknown(ids: unknown[], positions: number[], uids: Int32Array, notFriends: number[]): void {
    for (const position of positions) {
      const uid = this.internUid(ids[position] as string);
      uids[position] = uid;
      if (this.status(uid) !== FRIEND) notFriends.push(position);
    }
    // Positions were appended out of order; keep them sorted for readers of the record.
    notFriends.sort((a, b) => a - b);
  }

  /** The uid of any user id, remembering unknown ones (so a record can name a recipient LINE does not know). */
  internUid(userId: string): number {
    const uid = this.uidOf(userId);
    if (uid !== 0) return uid;
    return this.addOther({ userId, displayName: "", kind: "unknown", status: NOT_FRIEND });
  }

  private addOther(user: OtherUser): number {
    this.others.push(user);
    const uid = -this.others.length;
    this.otherUidByUserId.set(user.userId, uid);
    if (user.status === FRIEND && user.kind === "resident") this.otherFriendCount++;
    return uid;
  }

  /** Adds a resident created in the phone view or the admin API. */
  createResident(input: {
    userId: string;
    displayName: string;
    pictureUrl?: string;
    statusMessage?: string;
    language?: string;
    status?: FriendStatus;
    demographics?: Partial<Demographics>;
  }): number {
    const existing = this.uidOf(input.userId);
    if (existing !== 0) {
      const other = existing < 0 ? this.others[-existing - 1] : undefined;
      if (other && other.kind === "unknown") {
        // An id first seen as an unknown recipient becomes a real resident.
        Object.assign(other, { ...input, kind: "resident", status: NOT_FRIEND });
        this.setStatus(existing, input.status ?? FRIEND);
        return existing;
      }
      throw new Error(`user ${input.userId} already exists`);
    }
    const status = input.status ?? FRIEND;
    return this.addOther({
      userId: input.userId,
      displayName: input.displayName,
      pictureUrl: input.pictureUrl,
      statusMessage: input.statusMessage,
      language: input.language ?? "ja",
      kind: "resident",
      status,
      followedAt: status === FRIEND ? this.now() : undefined,
      demographics: input.demographics,
    });
  }

  isKnownUser(uid: number): boolean {
    if (uid > 0) return uid <= this.synthetic;
    if (uid < 0) return this.others[-uid - 1]?.kind === "resident";
    return false;
  }

  status(uid: number): FriendStatus {
    if (uid > 0) return (this.syntheticStatus[uid] ?? NOT_FRIEND) as FriendStatus;
    if (uid < 0) {
      const other = this.others[-uid - 1];
      return other && other.kind === "resident" ? other.status : NOT_FRIEND;
    }
    return NOT_FRIEND;
  }

  setStatus(uid: number, status: FriendStatus): void {
    const before = this.status(uid);
    if (uid > 0 && uid <= this.synthetic) {
      this.syntheticStatus[uid] = status;
      this.friendTable.slots[this.slotOf(uid) * SLOT_WORDS + SLOT_STATUS] = status;
      if (before === FRIEND) this.syntheticFriendCount--;
      if (status === FRIEND) {
        this.syntheticFriendCount++;
        this.syntheticFollowedAt.set(uid, this.now());
      }
      return;
    }
    const other = uid < 0 ? this.others[-uid - 1] : undefined;
    if (!other || other.kind !== "resident") throw new Error("not a user of this channel");
    other.status = status;
    if (before === FRIEND) this.otherFriendCount--;
    if (status === FRIEND) {
      this.otherFriendCount++;
      other.followedAt = this.now();
    }
  }

  userIdOf(uid: number): string {
    if (uid > 0) return syntheticLineUserId(uid);
    const other = this.others[-uid - 1];
    if (!other) throw new Error(`no user with uid ${uid}`);
    return other.userId;
  }

  profile(uid: number): Profile | undefined {
    if (!this.isKnownUser(uid)) return undefined;
    if (uid > 0) {
      return {
        userId: syntheticLineUserId(uid),
        displayName: syntheticDisplayName(uid),
        language: "ja",
        ...this.syntheticProfiles.get(uid),
      };
    }
    const other = this.others[-uid - 1]!;
    const profile: Profile = { userId: other.userId, displayName: other.displayName };
    if (other.pictureUrl) profile.pictureUrl = other.pictureUrl;
    if (other.statusMessage) profile.statusMessage = other.statusMessage;
    if (other.language) profile.language = other.language;
    return profile;
  }

  updateProfile(uid: number, changes: Partial<Omit<Profile, "userId">>): void {
    if (uid > 0 && uid <= this.synthetic) {
      this.syntheticProfiles.set(uid, { ...this.syntheticProfiles.get(uid), ...changes });
      return;
    }
    const other = uid < 0 ? this.others[-uid - 1] : undefined;
    if (!other || other.kind !== "resident") throw new Error("not a user of this channel");
    Object.assign(other, changes);
  }

  /** Attributes used by narrowcast demographic filters; deterministic for synthetic residents. */
  demographics(uid: number): Demographics {
    if (uid > 0) {
      return {
        // Some users have "unknown" attributes (narrowcast docs): a filter excludes them.
        gender: uid % 11 === 0 ? undefined : uid % 2 === 0 ? "female" : "male",
        age: uid % 13 === 0 ? undefined : 15 + ((uid * 7) % 12) * 5,
        appType: uid % 3 === 0 ? "android" : "ios",
        area: uid % 17 === 0 ? "jp_14" : DEMO_AREA,
      };
    }
    const other = this.others[-uid - 1];
    return { appType: "ios", area: DEMO_AREA, ...other?.demographics };
  }

  /** When the user last became a friend (synthetic residents: spread over the past ~400 days). */
  followedAt(uid: number): number | undefined {
    if (uid > 0) return this.syntheticFollowedAt.get(uid) ?? this.now() - ((uid * 37) % 400) * DAY_MS - DAY_MS;
    return this.others[-uid - 1]?.followedAt;
  }

  friendCount(): number {
    return this.syntheticFriendCount + this.otherFriendCount;
  }

  /** Every friend's uid, synthetic residents first, in a stable order (followers ids, broadcast). */
  *friendUids(fromPosition = 0): Generator<[position: number, uid: number]> {
    for (let n = Math.max(1, fromPosition + 1); n <= this.synthetic; n++) {
      if (this.syntheticStatus[n] === FRIEND) yield [n, n];
    }
    const start = Math.max(0, fromPosition - this.synthetic);
    for (let i = start; i < this.others.length; i++) {
      const other = this.others[i]!;
      if (other.kind === "resident" && other.status === FRIEND) yield [this.synthetic + i + 1, -(i + 1)];
    }
  }

  /** Collects friend uids into a typed array (broadcast to a million friends in ~10 ms). */
  friendUidArray(): Int32Array {
    const result = new Int32Array(this.friendCount());
    let i = 0;
    for (let n = 1; n <= this.synthetic; n++) if (this.syntheticStatus[n] === FRIEND) result[i++] = n;
    for (let k = 0; k < this.others.length; k++) {
      const other = this.others[k]!;
      if (other.kind === "resident" && other.status === FRIEND) result[i++] = -(k + 1);
    }
    return i === result.length ? result : result.subarray(0, i);
  }

  /** Residents for the phone view and the admin API (paged; synthetic residents are computed on demand). */
  listResidents(options: { offset: number; limit: number; query?: string }): { total: number; residents: (Profile & { uid: number; status: FriendStatusName })[] } {
    const query = options.query?.trim();
    const residentOthers = this.others.map((o, i) => ({ o, uid: -(i + 1) })).filter((x) => x.o.kind === "resident");
    const matches = (profile: Profile): boolean => !query || profile.displayName.includes(query) || profile.userId === query;
    const result: (Profile & { uid: number; status: FriendStatusName })[] = [];
    let total = 0;
    // Residents created by hand come first: they are the ones a person is working with.
    for (const { uid } of residentOthers) {
      const profile = this.profile(uid)!;
      if (!matches(profile)) continue;
      if (total >= options.offset && result.length < options.limit) result.push({ ...profile, uid, status: FRIEND_STATUS_NAMES[this.status(uid)] });
      total++;
    }
    if (!query) {
      const start = Math.max(0, options.offset - total);
      for (let n = start + 1; n <= this.synthetic && result.length < options.limit; n++) {
        result.push({ ...this.profile(n)!, uid: n, status: FRIEND_STATUS_NAMES[this.status(n)] });
      }
      total += this.synthetic;
    } else {
      for (let n = 1; n <= this.synthetic; n++) {
        const name = this.syntheticProfiles.get(n)?.displayName ?? syntheticDisplayName(n);
        if (!name.includes(query) && syntheticLineUserId(n) !== query) continue;
        if (total >= options.offset && result.length < options.limit) result.push({ ...this.profile(n)!, uid: n, status: FRIEND_STATUS_NAMES[this.status(n)] });
        total++;
      }
    }
    return { total, residents: result };
  }

  /** Everything but the synthetic digests (recomputed from the count on load). */
  toJSON(): FriendStoreSnapshot {
    const changedSynthetic: [number, FriendStatus][] = [];
    for (let n = 1; n <= this.synthetic; n++) {
      const rule = isSyntheticResidentBlocked(n) ? BLOCKED : FRIEND;
      if (this.syntheticStatus[n] !== rule) changedSynthetic.push([n, this.syntheticStatus[n] as FriendStatus]);
    }
    return {
      synthetic: this.synthetic,
      changedSynthetic,
      syntheticFollowedAt: [...this.syntheticFollowedAt],
      syntheticProfiles: [...this.syntheticProfiles],
      others: this.others,
    };
  }

  static fromJSON(snapshot: FriendStoreSnapshot, now: () => number): FriendStore {
    const store = new FriendStore(now);
    store.loadSynthetic(snapshot.synthetic);
    for (const [n, status] of snapshot.changedSynthetic) store.setStatus(n, status);
    store.syntheticFollowedAt = new Map(snapshot.syntheticFollowedAt);
    store.syntheticProfiles = new Map(snapshot.syntheticProfiles);
    for (const other of snapshot.others) store.addOther({ ...other });
    return store;
  }
}

export type FriendStoreSnapshot = {
  synthetic: number;
  changedSynthetic: [number, FriendStatus][];
  syntheticFollowedAt: [number, number][];
  syntheticProfiles: [number, Partial<Profile>][];
  others: OtherUser[];
};
