import { describe, expect, it } from "vitest";
import { Bitmap, bsiAtLeast, bsiAtMost, bsiBetween, bsiSet, emptyBsi } from "./bitmaps";

const positions = (b: Bitmap, size: number) => Array.from({ length: size }, (_, i) => i).filter((i) => b.has(i));

describe("[SEGMENTS] bitmaps", () => {
  it("set, and/or/andNot, count — byte order as PostgreSQL's get_bit(bytea)", () => {
    const a = Bitmap.empty(100);
    const b = Bitmap.empty(100);
    [0, 7, 8, 31, 32, 99].forEach((n) => a.set(n));
    [7, 32, 50].forEach((n) => b.set(n));
    expect(a.count()).toBe(6);
    expect(positions(a.and(b), 100)).toEqual([7, 32]);
    expect(positions(a.or(b), 100)).toEqual([0, 7, 8, 31, 32, 50, 99]);
    expect(positions(a.andNot(b), 100)).toEqual([0, 8, 31, 99]);
    // get_bit(bytea, 8) is bit 0 of byte 1: the stored bytes are little-endian words.
    const bytes = a.toBytes();
    expect(bytes[0]).toBe(0b1000_0001);
    expect(bytes[1]).toBe(0b0000_0001);
    expect(positions(Bitmap.fromBytes(bytes, 100), 100)).toEqual([0, 7, 8, 31, 32, 99]);
    a.clear(7);
    expect(a.has(7)).toBe(false);
    expect(a.grow(1000).has(99)).toBe(true);
  });

  it("bit-sliced ranges agree with plain comparisons for every value and bound", () => {
    const size = 300;
    const bsi = emptyBsi(size, 6);
    const values = new Map<number, number>();
    for (let n = 0; n < size; n++) {
      if (n % 7 === 3) continue; // no value
      const v = (n * 37) % 64;
      values.set(n, v);
      bsiSet(bsi, n, v);
    }
    for (let c = -2; c <= 66; c++) {
      const expectedGe = [...values].filter(([, v]) => v >= c).map(([n]) => n);
      const expectedLe = [...values].filter(([, v]) => v <= c).map(([n]) => n);
      expect(positions(bsiAtLeast(bsi, c), size), `>= ${c}`).toEqual(expectedGe);
      expect(positions(bsiAtMost(bsi, c), size), `<= ${c}`).toEqual(expectedLe);
    }
    expect(positions(bsiBetween(bsi, 10, 20), size)).toEqual([...values].filter(([, v]) => v >= 10 && v <= 20).map(([n]) => n));
    expect(positions(bsiBetween(bsi, null, null), size)).toEqual([...values.keys()]);
    expect(() => bsiSet(bsi, 1, 64)).toThrow(RangeError);
  });
});
