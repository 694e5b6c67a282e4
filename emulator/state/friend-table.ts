// The lookup table from LINE user id to synthetic resident, and the id decoding the multicast hot
// path needs. Plain functions over typed arrays in SharedArrayBuffers, so the same code runs in the
// main thread (FriendStore) and in the multicast parser thread (core/parse-offload.ts).
//
// Open addressing with linear probing, ≤ 50 % full. A slot is SLOT_WORDS 32-bit words, 32 bytes: the
// four words of the id's md5 (the whole id is compared, so an id that differs in one digit is somebody
// else), the resident number (0 = empty slot) and a copy of the friend status — so a lookup touches
// one cache line, not one in each of three arrays.

export const SLOT_WORDS = 8;
/** Word offsets in a slot. */
export const SLOT_N = 4;
export const SLOT_STATUS = 5;

export type FriendTable = {
  slots: Int32Array;
  mask: number;
  /** Changes when the table is rebuilt (synthetic friends reloaded). */
  version: number;
};

export const EMPTY_FRIEND_TABLE: FriendTable = { slots: new Int32Array(SLOT_WORDS), mask: 0, version: 0 };

/** The friend status value stored in a slot (friends.ts exports the same). */
const FRIEND = 1;

const HEX_VALUE = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 10; i++) table[48 + i] = i;
  for (let i = 0; i < 6; i++) table[97 + i] = 10 + i;
  return table;
})();

/** Returned by hexWord for text that is not 8 lowercase hex digits (outside the int32 range). */
export const NOT_HEX = 0x1_0000_0000;


// Two hex digits at a time: (charCode1 << 7 | charCode2) → byte value, or -1. 32 KB, stays in cache.
const HEX_PAIR = (() => {
  const table = new Int16Array(1 << 14).fill(-1);
  for (let a = 0; a < 128; a++) {
    for (let b = 0; b < 128; b++) {
      const high = HEX_VALUE[a]!;
      const low = HEX_VALUE[b]!;
      if (high >= 0 && low >= 0) table[(a << 7) | b] = (high << 4) | low;
    }
  }
  return table;
})();

/** Eight lowercase hex digits at `offset` as a signed 32-bit number, or NOT_HEX. */
export function hexWord(text: string, offset: number): number {
  const c0 = text.charCodeAt(offset);
  const c1 = text.charCodeAt(offset + 1);
  const c2 = text.charCodeAt(offset + 2);
  const c3 = text.charCodeAt(offset + 3);
  const c4 = text.charCodeAt(offset + 4);
  const c5 = text.charCodeAt(offset + 5);
  const c6 = text.charCodeAt(offset + 6);
  const c7 = text.charCodeAt(offset + 7);
  // charCodeAt past the end is NaN, which `|` turns into 0; callers check the length first.
  if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) > 127) return NOT_HEX;
  const b0 = HEX_PAIR[(c0 << 7) | c1]!;
  const b1 = HEX_PAIR[(c2 << 7) | c3]!;
  const b2 = HEX_PAIR[(c4 << 7) | c5]!;
  const b3 = HEX_PAIR[(c6 << 7) | c7]!;
  if ((b0 | b1 | b2 | b3) < 0) return NOT_HEX;
  return (b0 << 24) | (b1 << 16) | (b2 << 8) | b3;
}

/**
 * The 32 hex digits of a 33-character user id as four int32 words (NOT_HEX where a group of eight is
 * not lowercase hex). One call per id so that the multicast loop does not pay for four.
 */
function decodeUserId(id: string, out: Int32Array, offset: number): boolean {
  const w0 = hexWord(id, 1);
  const w1 = hexWord(id, 9);
  const w2 = hexWord(id, 17);
  const w3 = hexWord(id, 25);
  out[offset] = w0;
  out[offset + 1] = w1;
  out[offset + 2] = w2;
  out[offset + 3] = w3;
  return w0 !== NOT_HEX && w1 !== NOT_HEX && w2 !== NOT_HEX && w3 !== NOT_HEX;
}

/** ^U[0-9a-f]{32}$ without a regex: the multicast hot path checks 500 of these per request. */
export function isLineUserIdShape(text: unknown): text is string {
  if (typeof text !== "string" || text.length !== 33 || text.charCodeAt(0) !== 85) return false;
  return hexWord(text, 1) !== NOT_HEX && hexWord(text, 9) !== NOT_HEX && hexWord(text, 17) !== NOT_HEX && hexWord(text, 25) !== NOT_HEX;
}


// Scratch space for resolveUserIdsInTable: the decoded id words of one request, and which ids are malformed.
let scratchWords = new Int32Array(4 * 512);
let scratchBad = new Uint8Array(512);

/** The slot holding this digest, or -1. */
export function probeFriendTable(table: FriendTable, w0: number, w1: number, w2: number, w3: number): number {
  const { slots, mask } = table;
  let slot = w0 & mask;
  for (;;) {
    const k = slot * SLOT_WORDS;
    if (slots[k + SLOT_N] === 0) return -1;
    if (slots[k] === w0 && slots[k + 1] === w1 && slots[k + 2] === w2 && slots[k + 3] === w3) return slot;
    slot = (slot + 1) & mask;
  }
}

/**
 * Resolves a multicast `to` array against the table: resident numbers into `uids`, positions of
 * residents who are not friends into `notFriends`, and positions of well-formed ids the table does
 * not know into `unknown` (uid 0; the caller resolves them). Returns -1, or the position of the first
 * entry that is not a user id.
 *
 * Two passes on purpose: first decode every id (pure computation), then probe the table. The probes
 * of the second pass do not depend on each other, so the CPU overlaps their cache misses — with a
 * million friends this is about twice as fast as probing id by id.
 */
export function resolveUserIdsInTable(table: FriendTable, ids: unknown[], uids: Int32Array, notFriends: number[], unknown: number[]): number {
  const count = ids.length;
  if (scratchWords.length < count * 4) scratchWords = new Int32Array(count * 4);
  if (scratchBad.length < count) scratchBad = new Uint8Array(count);
  const words = scratchWords;
  const bad = scratchBad;
  for (let i = 0; i < count; i++) {
    const id = ids[i];
    bad[i] = typeof id === "string" && id.length === 33 && id.charCodeAt(0) === 85 && decodeUserId(id, words, i * 4) ? 0 : 1;
  }
  const { slots, mask } = table;
  for (let i = 0; i < count; i++) {
    if (bad[i] === 1) return i;
    const w0 = words[i * 4]!;
    let k = (w0 & mask) * SLOT_WORDS;
    let found = -1;
    for (;;) {
      if (slots[k + SLOT_N] === 0) break;
      if (slots[k] === w0 && slots[k + 1] === words[i * 4 + 1] && slots[k + 2] === words[i * 4 + 2] && slots[k + 3] === words[i * 4 + 3]) {
        found = k;
        break;
      }
      k = (k + SLOT_WORDS) & (mask * SLOT_WORDS + SLOT_WORDS - 1);
    }
    if (found < 0) {
      uids[i] = 0;
      unknown.push(i);
      continue;
    }
    uids[i] = slots[found + SLOT_N]!;
    if (slots[found + SLOT_STATUS] !== FRIEND) notFriends.push(i);
  }
  return -1;
}
