// Bitmaps over residents' segment positions (resident.seg_pos) and bit-sliced indexes (BSI) for
// ranges, for counting a segment of a million residents in milliseconds: a condition is one bitmap
// (or a few BSI slices), a segment is ANDs and ORs of them, and its size is a popcount. PostgreSQL
// has no persistent bitmap index, and scanning a million rows costs 100–150 ns each on these machines
// (docs/benchmarks.md, bench:broadcast), so the live count reads these instead.
//
// Bit n lives in byte n >> 3 at bit n & 7 (PostgreSQL's get_bit(bytea, n) order), i.e. in 32-bit
// little-endian word n >> 5 at bit n & 31. Pure code, no database.
import { endianness } from "node:os";

if (endianness() !== "LE") throw new Error("segment bitmaps assume a little-endian CPU");

export class Bitmap {
  constructor(readonly words: Uint32Array) {}

  static empty(bits: number): Bitmap {
    return new Bitmap(new Uint32Array(wordsFor(bits)));
  }

  /** Reads stored bytes; shorter or longer data is cut or padded to `bits`. */
  static fromBytes(bytes: Uint8Array, bits: number): Bitmap {
    const words = new Uint32Array(wordsFor(bits));
    const view = new Uint8Array(words.buffer);
    view.set(bytes.subarray(0, Math.min(bytes.length, view.length)));
    return new Bitmap(words);
  }

  toBytes(): Uint8Array {
    return new Uint8Array(this.words.buffer, this.words.byteOffset, this.words.byteLength);
  }

  get size(): number {
    return this.words.length * 32;
  }

  set(n: number): void {
    this.words[n >>> 5]! |= 1 << (n & 31);
  }

  clear(n: number): void {
    const word = n >>> 5;
    if (word < this.words.length) this.words[word]! &= ~(1 << (n & 31));
  }

  /** The same bits in a bitmap of at least `bits` bits. */
  grow(bits: number): Bitmap {
    if (wordsFor(bits) <= this.words.length) return this;
    const words = new Uint32Array(wordsFor(bits));
    words.set(this.words);
    return new Bitmap(words);
  }

  has(n: number): boolean {
    const word = n >>> 5;
    return word < this.words.length && (this.words[word]! & (1 << (n & 31))) !== 0;
  }

  clone(): Bitmap {
    return new Bitmap(this.words.slice());
  }

  and(other: Bitmap): Bitmap {
    const out = this.clone();
    const a = out.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i]! &= b[i] ?? 0;
    return out;
  }

  or(other: Bitmap): Bitmap {
    const out = this.clone();
    const a = out.words;
    const b = other.words;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) a[i]! |= b[i]!;
    return out;
  }

  andNot(other: Bitmap): Bitmap {
    const out = this.clone();
    const a = out.words;
    const b = other.words;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) a[i]! &= ~b[i]!;
    return out;
  }

  count(): number {
    let total = 0;
    const w = this.words;
    for (let i = 0; i < w.length; i++) {
      let v = w[i]!;
      if (v === 0) continue;
      v = v - ((v >>> 1) & 0x55555555);
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      total += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return total;
  }
}

function wordsFor(bits: number): number {
  return Math.max(1, Math.ceil(bits / 32));
}

/** A bit-sliced index: value v of the resident at position n is Σ 2^k over the slices k with bit n set. */
export type BitSlicedIndex = { present: Bitmap; slices: Bitmap[] };

/** Positions whose value is ≥ c. */
export function bsiAtLeast(bsi: BitSlicedIndex, c: number): Bitmap {
  const bits = bsi.slices.length;
  if (c <= 0) return bsi.present.clone();
  if (c >= 2 ** bits) return Bitmap.empty(bsi.present.size);
  let gt = Bitmap.empty(bsi.present.size);
  let eq = bsi.present.clone();
  for (let k = bits - 1; k >= 0; k--) {
    const slice = bsi.slices[k]!;
    if ((Math.floor(c / 2 ** k) & 1) === 1) eq = eq.and(slice);
    else {
      gt = gt.or(eq.and(slice));
      eq = eq.andNot(slice);
    }
  }
  return gt.or(eq);
}

/** Positions whose value is ≤ c. */
export function bsiAtMost(bsi: BitSlicedIndex, c: number): Bitmap {
  const bits = bsi.slices.length;
  if (c < 0) return Bitmap.empty(bsi.present.size);
  if (c >= 2 ** bits - 1) return bsi.present.clone();
  let lt = Bitmap.empty(bsi.present.size);
  let eq = bsi.present.clone();
  for (let k = bits - 1; k >= 0; k--) {
    const slice = bsi.slices[k]!;
    if ((Math.floor(c / 2 ** k) & 1) === 1) {
      lt = lt.or(eq.andNot(slice));
      eq = eq.and(slice);
    } else eq = eq.andNot(slice);
  }
  return lt.or(eq);
}

export function bsiBetween(bsi: BitSlicedIndex, from: number | null, to: number | null): Bitmap {
  let result = bsi.present;
  if (from !== null) result = result.and(bsiAtLeast(bsi, from));
  if (to !== null) result = result.and(bsiAtMost(bsi, to));
  return result === bsi.present ? result.clone() : result;
}

/** Adds value v for position n to a BSI under construction. */
export function bsiSet(bsi: BitSlicedIndex, n: number, v: number): void {
  if (v < 0 || v >= 2 ** bsi.slices.length) throw new RangeError(`value ${v} does not fit ${bsi.slices.length} slices`);
  bsi.present.set(n);
  for (let k = 0; k < bsi.slices.length; k++) if ((Math.floor(v / 2 ** k) & 1) === 1) bsi.slices[k]!.set(n);
}

export function emptyBsi(bits: number, slices: number): BitSlicedIndex {
  return { present: Bitmap.empty(bits), slices: Array.from({ length: slices }, () => Bitmap.empty(bits)) };
}
