// The segment bitmap index: residents' segment attributes as bitmaps over resident.seg_pos, built in
// one pass (buildSegmentBitmaps) and evaluated against a filter (evaluateSegmentBitmap). Pure: the
// database side (storing builds, the correction for changed residents) is in segment-index.ts.
//
// Keys: following, registered, district:<id>, gender:<G>, lang:<code>, topic:<code>, dcat:<code>,
// ddist:<id>, tag:<text>; bit-sliced indexes (value ranges): birth (month number − MONTH_BASE),
// due (likewise), child0 … child<N−1> (one per child slot), followed (Japan day number).
import { Bitmap, bsiAtLeast, bsiBetween, bsiSet, emptyBsi, type BitSlicedIndex } from "@/lib/segments/bitmaps";
import type { SegmentCondition, SegmentFilter } from "@/lib/segments/filter";
import { dayNumberOf } from "@/lib/segments/to-where";
import { sendDateParts } from "@/lib/segments/send-date";

/** Month numbers are stored relative to January 1900 in 12 slices (to the year 2241). */
export const MONTH_BASE = 1900 * 12;
export const MONTH_SLICES = 12;
/** Japan day numbers since 1970 in 16 slices (to the year 2149). */
export const DAY_SLICES = 16;

/** One resident as the index sees it (the columns of SEGMENT_ROW_SQL). */
export type SegmentRow = {
  pos: number;
  following: boolean;
  registered: boolean;
  districtId: number | null;
  gender: string | null;
  language: string;
  topics: string[] | null;
  disasterCategories: string[] | null;
  disasterDistrictIds: number[] | null;
  tags: string[] | null;
  birthMonth: number | null;
  followedDay: number | null;
  dueMonth: number | null;
  childMonths: number[] | null;
};

/** The SELECT list that yields SegmentRow columns from `resident r` (snake_case aliases). */
export const SEGMENT_ROW_SQL = `
  r.seg_pos as pos, r.follow_status = 'FOLLOWING' as following, r.registered_at is not null as registered,
  r.district_id, r.gender::text as gender, r.preferred_language as language, r.topics, r.disaster_categories,
  r.disaster_district_ids, r.tags, (r.birth_year * 12 + r.birth_month - 1) as birth_month,
  ((floor(extract(epoch from r.followed_at))::bigint + 32400) / 86400)::int as followed_day,
  r.due_month, r.child_birth_months`;

export type SegmentBitmaps = {
  size: number;
  childSlots: number;
  bitmaps: Map<string, Bitmap>;
};

const BSI_NAMES = ["birth", "due", "followed"] as const;

export function bsiKeys(name: string, slices: number): string[] {
  return [`${name}:present`, ...Array.from({ length: slices }, (_, k) => `${name}:${k}`)];
}

function slicesOf(name: string): number {
  return name === "followed" ? DAY_SLICES : MONTH_SLICES;
}

/** Builds every bitmap for residents at positions < size. */
export class SegmentBitmapBuilder {
  private bitmaps = new Map<string, Bitmap>();
  private bsis = new Map<string, BitSlicedIndex>();
  private childSlots = 1;
  count = 0;

  /** `from`: an earlier build to update (residents that changed are cleared, then added again). */
  constructor(
    readonly size: number,
    from?: SegmentBitmaps,
  ) {
    if (from) {
      const bsiParts = new Map<string, { present?: Bitmap; slices: Bitmap[] }>();
      for (const [key, bitmap] of from.bitmaps) {
        const grown = bitmap.grow(size);
        const match = /^(birth|due|followed|child\d+):(present|\d+)$/.exec(key);
        if (!match) {
          this.bitmaps.set(key, grown);
          continue;
        }
        const part = bsiParts.get(match[1]!) ?? { slices: [] };
        if (match[2] === "present") part.present = grown;
        else part.slices[Number(match[2])] = grown;
        bsiParts.set(match[1]!, part);
      }
      for (const [name, part] of bsiParts) {
        const slices = slicesOf(name);
        this.bsis.set(name, {
          present: part.present ?? Bitmap.empty(size),
          slices: Array.from({ length: slices }, (_, k) => part.slices[k] ?? Bitmap.empty(size)),
        });
      }
      this.childSlots = Math.max(1, from.childSlots);
    }
    for (const name of BSI_NAMES) if (!this.bsis.has(name)) this.bsis.set(name, emptyBsi(size, slicesOf(name)));
    this.bitmap("following");
    this.bitmap("registered");
  }

  /** Forgets everything about position n (before adding the resident's current row, or for a deleted one). */
  clear(n: number): void {
    for (const bitmap of this.bitmaps.values()) bitmap.clear(n);
    for (const bsi of this.bsis.values()) {
      bsi.present.clear(n);
      for (const slice of bsi.slices) slice.clear(n);
    }
  }

  private bitmap(key: string): Bitmap {
    let bitmap = this.bitmaps.get(key);
    if (!bitmap) {
      bitmap = Bitmap.empty(this.size);
      this.bitmaps.set(key, bitmap);
    }
    return bitmap;
  }

  private bsi(name: string): BitSlicedIndex {
    let bsi = this.bsis.get(name);
    if (!bsi) {
      bsi = emptyBsi(this.size, slicesOf(name));
      this.bsis.set(name, bsi);
    }
    return bsi;
  }

  add(row: SegmentRow): void {
    const n = row.pos;
    if (n < 0 || n >= this.size) throw new RangeError(`position ${n} is outside the build (${this.size})`);
    this.count++;
    if (row.following) this.bitmap("following").set(n);
    if (row.registered) this.bitmap("registered").set(n);
    if (row.districtId !== null) this.bitmap(`district:${row.districtId}`).set(n);
    if (row.gender !== null) this.bitmap(`gender:${row.gender}`).set(n);
    this.bitmap(`lang:${row.language}`).set(n);
    for (const topic of row.topics ?? []) this.bitmap(`topic:${topic}`).set(n);
    for (const category of row.disasterCategories ?? []) this.bitmap(`dcat:${category}`).set(n);
    for (const district of row.disasterDistrictIds ?? []) this.bitmap(`ddist:${district}`).set(n);
    for (const tag of row.tags ?? []) this.bitmap(`tag:${tag}`).set(n);
    if (row.birthMonth !== null) setMonth(this.bsi("birth"), n, row.birthMonth);
    if (row.dueMonth !== null) setMonth(this.bsi("due"), n, row.dueMonth);
    if (row.followedDay !== null && row.followedDay >= 0) bsiSet(this.bsi("followed"), n, Math.min(row.followedDay, 2 ** DAY_SLICES - 1));
    const children = row.childMonths ?? [];
    for (const [slot, month] of children.entries()) {
      if (slot + 1 > this.childSlots) this.childSlots = slot + 1;
      setMonth(this.bsi(`child${slot}`), n, month);
    }
  }

  finish(): SegmentBitmaps {
    const bitmaps = new Map(this.bitmaps);
    for (const [name, bsi] of this.bsis) {
      const keys = bsiKeys(name, bsi.slices.length);
      bitmaps.set(keys[0]!, bsi.present);
      bsi.slices.forEach((slice, k) => bitmaps.set(keys[k + 1]!, slice));
    }
    for (let slot = 0; slot < this.childSlots; slot++) {
      if (!this.bsis.has(`child${slot}`)) for (const key of bsiKeys(`child${slot}`, MONTH_SLICES)) bitmaps.set(key, Bitmap.empty(this.size));
    }
    return { size: this.size, childSlots: this.childSlots, bitmaps };
  }
}

function setMonth(bsi: BitSlicedIndex, n: number, month: number): void {
  // Months before 1900 (never valid input) clip to the first value; ranges never reach them.
  bsiSet(bsi, n, Math.min(Math.max(month - MONTH_BASE, 0), 2 ** MONTH_SLICES - 1));
}

/** Where evaluation reads bitmaps from (a loaded build); unknown keys are empty. */
export type BitmapSource = {
  size: number;
  childSlots: number;
  get(key: string): Bitmap | undefined;
};

/** The keys a filter needs (to load only those). */
export function keysForFilter(filter: SegmentFilter, childSlots: number): string[] {
  const keys = new Set<string>(["following"]);
  for (const group of filter.groups) {
    for (const c of group.conditions) {
      switch (c.kind) {
        case "district":
          c.districtIds.forEach((id) => keys.add(`district:${id}`));
          break;
        case "age":
          bsiKeys("birth", MONTH_SLICES).forEach((k) => keys.add(k));
          break;
        case "gender":
          c.values.forEach((v) => keys.add(`gender:${v}`));
          break;
        case "language":
          c.values.forEach((v) => keys.add(`lang:${v}`));
          break;
        case "topics":
          c.values.forEach((v) => keys.add(`topic:${v}`));
          break;
        case "childAge":
          for (let slot = 0; slot < childSlots; slot++) bsiKeys(`child${slot}`, MONTH_SLICES).forEach((k) => keys.add(k));
          break;
        case "expecting":
          bsiKeys("due", MONTH_SLICES).forEach((k) => keys.add(k));
          break;
        case "registered":
          keys.add("registered");
          break;
        case "followed":
          bsiKeys("followed", DAY_SLICES).forEach((k) => keys.add(k));
          break;
        case "tags":
          c.values.forEach((v) => keys.add(`tag:${v}`));
          break;
        case "disaster":
          c.categories.forEach((v) => keys.add(`dcat:${v}`));
          c.districtIds.forEach((v) => keys.add(`ddist:${v}`));
          break;
      }
    }
  }
  return [...keys];
}

/** Deliverable residents (following) in the segment, as of the build. */
export function evaluateSegmentBitmap(filter: SegmentFilter, source: BitmapSource, sendDate: Date): Bitmap {
  const following = source.get("following") ?? Bitmap.empty(source.size);
  const send = sendDateParts(sendDate);
  const get = (key: string) => source.get(key) ?? Bitmap.empty(source.size);
  const bsi = (name: string, slices: number): BitSlicedIndex => {
    const keys = bsiKeys(name, slices);
    return { present: get(keys[0]!), slices: keys.slice(1).map(get) };
  };
  const anyOf = (keys: string[]) => keys.reduce((acc, key) => acc.or(get(key)), Bitmap.empty(source.size));
  const allOf = (keys: string[]) => keys.slice(1).reduce((acc, key) => acc.and(get(key)), get(keys[0]!).clone());

  const condition = (c: SegmentCondition): Bitmap => {
    switch (c.kind) {
      case "district":
        return anyOf(c.districtIds.map((id) => `district:${id}`));
      case "age": {
        const from = c.max === null ? null : send.month - 12 * c.max - 11 - MONTH_BASE;
        const to = c.min === null ? null : send.month - 12 * c.min - MONTH_BASE;
        return bsiBetween(bsi("birth", MONTH_SLICES), from, to);
      }
      case "gender":
        return anyOf(c.values.map((v) => `gender:${v}`));
      case "language":
        return anyOf(c.values.map((v) => `lang:${v}`));
      case "topics": {
        const keys = c.values.map((v) => `topic:${v}`);
        return c.match === "any" ? anyOf(keys) : allOf(keys);
      }
      case "childAge": {
        let out = Bitmap.empty(source.size);
        const from = send.month - c.maxMonths - MONTH_BASE;
        const to = send.month - c.minMonths - MONTH_BASE;
        for (let slot = 0; slot < source.childSlots; slot++) out = out.or(bsiBetween(bsi(`child${slot}`, MONTH_SLICES), from, to));
        return out;
      }
      case "expecting":
        return bsiAtLeast(bsi("due", MONTH_SLICES), send.month - MONTH_BASE);
      case "registered":
        return c.value ? get("registered") : following.andNot(get("registered"));
      case "followed":
        return bsiBetween(bsi("followed", DAY_SLICES), c.from === null ? null : dayNumberOf(c.from), c.to === null ? null : dayNumberOf(c.to));
      case "tags": {
        const keys = c.values.map((v) => `tag:${v}`);
        return c.match === "any" ? anyOf(keys) : allOf(keys);
      }
      case "disaster": {
        let out = following;
        if (c.categories.length > 0) out = out.and(anyOf(c.categories.map((v) => `dcat:${v}`)));
        if (c.districtIds.length > 0) out = out.and(anyOf(c.districtIds.map((v) => `ddist:${v}`)));
        return out;
      }
    }
  };

  const combine = (parts: Bitmap[], how: "and" | "or") =>
    parts.slice(1).reduce((acc, part) => (how === "and" ? acc.and(part) : acc.or(part)), parts[0]!);
  if (filter.groups.length === 0) return following.clone();
  const groups = filter.groups.map((group) => combine(group.conditions.map(condition), group.combine));
  return following.and(combine(groups, filter.combine));
}

/** Builds bitmaps from rows (tests; the job streams rows into a SegmentBitmapBuilder). */
export function buildSegmentBitmaps(rows: SegmentRow[], size = Math.max(0, ...rows.map((r) => r.pos)) + 1): SegmentBitmaps {
  const builder = new SegmentBitmapBuilder(size);
  for (const row of rows) builder.add(row);
  return builder.finish();
}

export function sourceOf(built: SegmentBitmaps): BitmapSource {
  return { size: built.size, childSlots: built.childSlots, get: (key) => built.bitmaps.get(key) };
}
