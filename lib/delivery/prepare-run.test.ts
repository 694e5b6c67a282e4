import { describe, expect, it } from "vitest";
import { sliceEnd } from "./prepare-run";

function slices(end: number, sizes: { first: number; rest: number }): [number, number][] {
  const out: [number, number][] = [];
  for (let from = 0; from < end; ) {
    const to = sliceEnd(from, end, sizes);
    out.push([from, to]);
    from = to;
  }
  return out;
}

describe("slices of resident positions", () => {
  it("start small and grow to the cap: a million residents in 8 statements, every position once", () => {
    const cut = slices(1_000_001, { first: 16_384, rest: 262_144 });
    expect(cut.map(([, to]) => to)).toEqual([16_384, 32_768, 65_536, 131_072, 262_144, 524_288, 786_432, 1_000_001]);
    // Contiguous and disjoint; every slice but the last starts and ends on a byte of the bitmap.
    cut.forEach(([from], i) => expect(from).toBe(i === 0 ? 0 : cut[i - 1]![1]));
    expect(cut.every(([from]) => from % 8 === 0)).toBe(true);
  });

  it("a small city is one slice, made in the start transaction", () => {
    expect(slices(1_201, { first: 16_384, rest: 262_144 })).toEqual([[0, 1_201]]);
    expect(slices(0, { first: 16_384, rest: 262_144 })).toEqual([]);
  });

  it("0 (every batch before sending) is one slice however large the city", () => {
    const all = { first: Number.MAX_SAFE_INTEGER, rest: Number.MAX_SAFE_INTEGER };
    expect(slices(5_000_000, all)).toEqual([[0, 5_000_000]]);
  });
});
