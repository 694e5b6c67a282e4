// The segment bitmap index in the database: builds (rebuildSegmentIndex, run by the job
// `segments.rebuild-index` and after seeding) and exact counts (countSegment).
//
// Exactness: a build is taken in one REPEATABLE READ snapshot and, in the same transaction, deletes
// the segment_dirty rows that snapshot saw; statement triggers on resident add a row for every
// resident inserted, changed or deleted, and rows added by transactions the build did not see stay.
// A count reads the newest build and segment_dirty in one snapshot too, takes the build's answer,
// and re-decides every dirty resident with the SQL of to-where.ts. So a count is exact at the moment
// it runs, whatever happened since the build — the build only decides how fast it is.
import { connectClient } from "@/lib/db/client";
import type { DbTx } from "@/lib/db";
import { Bitmap } from "@/lib/segments/bitmaps";
import { DISASTER_CATEGORY_CODES, GENDER_CODES, LANGUAGE_CODES, TOPIC_CODES } from "@/lib/registration/options";
import {
  MONTH_BASE,
  SEGMENT_ROW_SQL,
  SegmentBitmapBuilder,
  evaluateSegmentBitmap,
  keysForFilter,
  type BitmapSource,
  type SegmentRow,
} from "@/lib/segments/bitmap-index";
import type { SegmentFilter } from "@/lib/segments/filter";
import { segmentWhere } from "@/lib/segments/to-where";

/** Only one build at a time (two would do the same work). */
const REBUILD_LOCK_KEY = 0x5e6d_1d;
const FETCH_ROWS = 20_000;

export type RebuildResult =
  | { buildId: number; mode: "full" | "incremental"; residents: number; changed: number; size: number; bitmaps: number; ms: number }
  | { skipped: true };

/**
 * Builds the bitmaps: incrementally from the previous build when few residents changed (the dirty
 * ones are cleared and added again), otherwise from every resident. Skips when another build runs.
 */
export async function rebuildSegmentIndex(connectionString: string, options: { onlyIfDirty?: boolean; full?: boolean } = {}): Promise<RebuildResult> {
  const started = performance.now();
  const client = await connectClient({ connectionString, application_name: "kairan-segment-index" });
  try {
    await client.query("begin isolation level repeatable read");
    // The first query fixes the snapshot every following read in this transaction sees.
    const { rows: lock } = await client.query<{ locked: boolean }>("select pg_try_advisory_xact_lock($1) as locked", [REBUILD_LOCK_KEY]);
    if (!lock[0]?.locked) {
      await client.query("rollback");
      return { skipped: true };
    }
    const { rows: changes } = await client.query<{ dirty: string }>("select count(distinct position) as dirty from segment_dirty");
    const dirtyCount = Number(changes[0]!.dirty);
    const [previous] = (
      await client.query<{ id: number; size: number; child_slots: number }>("select id, size, child_slots from segment_index_build order by id desc limit 1")
    ).rows;
    // The worker asks every minute; when nothing changed it must not count the residents (a scan of a
    // million rows, ~0.1–0.5 s of PostgreSQL's CPU each minute, once in the middle of a send).
    if (options.onlyIfDirty && previous && dirtyCount === 0) {
      await client.query("rollback");
      return { skipped: true };
    }
    await client.query("set local work_mem = '128MB'");
    const { rows: state } = await client.query<{ size: number; residents: string }>(
      "select coalesce(max(seg_pos), 0) + 1 as size, count(*) as residents from resident",
    );
    const size = Number(state[0]!.size);
    const residents = Number(state[0]!.residents);
    const incremental = !options.full && previous !== undefined && dirtyCount <= Math.max(INCREMENTAL_MIN, residents * INCREMENTAL_SHARE);
    const dirty = incremental
      ? (await client.query<{ positions: number[] }>("select coalesce(array_agg(distinct position), '{}') as positions from segment_dirty")).rows[0]!.positions
      : [];

    let builder: SegmentBitmapBuilder;
    if (incremental) {
      const { rows } = await client.query<{ key: string; bits: Buffer }>("select key, bits from segment_bitmap where build_id = $1", [previous.id]);
      const bitmaps = new Map(rows.map((row) => [row.key, Bitmap.fromBytes(row.bits, previous.size)]));
      builder = new SegmentBitmapBuilder(Math.max(size, previous.size), { size: previous.size, childSlots: previous.child_slots, bitmaps });
      for (const position of dirty) builder.clear(position);
      const { rows: changed } = await client.query<Record<string, unknown>>(`select ${SEGMENT_ROW_SQL} from resident r where r.seg_pos = any($1::int[])`, [dirty]);
      for (const row of changed) builder.add(toSegmentRow(row));
    } else {
      builder = new SegmentBitmapBuilder(size);
      // Residents come packed as fixed-size binary records, 16,384 per row (packedRecordsSql): reading a
      // million rows as objects took 9–24 s here, the packed form a fraction of that.
      await client.query(`declare segment_records no scroll cursor for ${packedRecordsSql()}`);
      const extras = new Set<number>();
      for (;;) {
        const { rows } = await client.query<{ records: Buffer }>("fetch 8 from segment_records");
        for (const row of rows) decodeRecords(row.records, builder, extras);
        if (rows.length < 8) break;
      }
      await client.query("close segment_records");
      if (extras.size > 0) {
        // The few residents with tags, more than two children or disaster areas, or an unknown language.
        const { rows } = await client.query<Record<string, unknown>>(`select ${SEGMENT_ROW_SQL} from resident r where r.seg_pos = any($1::int[])`, [[...extras]]);
        for (const row of rows) builder.add(toSegmentRow(row));
      }
    }
    const built = builder.finish();
    const { rows: buildRows } = await client.query<{ id: number }>(
      "insert into segment_index_build (size, residents, child_slots, duration_ms) values ($1, $2, $3, $4) returning id",
      [built.size, residents, built.childSlots, Math.round(performance.now() - started)],
    );
    const buildId = buildRows[0]!.id;
    const entries = [...built.bitmaps.entries()];
    for (let i = 0; i < entries.length; i += 16) {
      const chunk = entries.slice(i, i + 16);
      await client.query("insert into segment_bitmap (build_id, key, bits) select $1, k, b from unnest($2::text[], $3::bytea[]) as t(k, b)", [
        buildId,
        chunk.map(([key]) => key),
        chunk.map(([, bitmap]) => Buffer.from(bitmap.toBytes())),
      ]);
    }
    // In this snapshot: only dirty rows of changes the build has seen are removed.
    await client.query("delete from segment_dirty");
    // Keep the previous build for counts that started on it a moment ago.
    await client.query("delete from segment_index_build where id < $1", [buildId - 1]);
    await client.query("commit");
    // Counts scan segment_dirty; after a bulk load its dead rows would slow them until autovacuum.
    if (dirtyCount > 10_000) await client.query("vacuum segment_dirty");
    return {
      buildId,
      mode: incremental ? "incremental" : "full",
      residents,
      changed: dirtyCount,
      size: built.size,
      bitmaps: entries.length,
      ms: Math.round(performance.now() - started),
    };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Up to this many changed residents (or this share of all) are applied to the previous build. */
const INCREMENTAL_MIN = 50_000;
const INCREMENTAL_SHARE = 0.1;

// ── packed records: int4 position, then int2 fields (big-endian, as int4send/int2send write them)
const RECORD_BYTES = 4 + 13 * 2;
const F_FOLLOWING = 1;
const F_REGISTERED = 2;
const F_BIRTH = 4;
const F_FOLLOWED = 8;
const F_DUE = 16;
/** Tags, a third child or disaster area, or a language outside the list: read the row itself. */
const F_EXTRA = 32;

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
const codeOf = (list: readonly string[], column: string) =>
  `(case ${column} ${list.map((value, i) => `when ${quote(value)} then ${i + 1}`).join(" ")} else 0 end)`;
const maskOf = (list: readonly string[], column: string) =>
  list.map((value, i) => `(case when ${column} @> array[${quote(value)}] then ${1 << i} else 0 end)`).join(" | ");

export function packedRecordsSql(): string {
  const month = (expr: string) => `coalesce(${expr} - ${MONTH_BASE}, 0)`;
  const extra = `(cardinality(r.tags) > 0 or cardinality(r.disaster_district_ids) > 2 or cardinality(r.child_birth_months) > 2
                  or not (r.preferred_language = any(array[${LANGUAGE_CODES.map(quote).join(",")}])))`;
  const flags = `(case when r.follow_status = 'FOLLOWING' then ${F_FOLLOWING} else 0 end
    | case when r.registered_at is not null then ${F_REGISTERED} else 0 end
    | case when r.birth_year is not null and r.birth_month is not null then ${F_BIRTH} else 0 end
    | case when r.followed_at is not null then ${F_FOLLOWED} else 0 end
    | case when r.due_month is not null then ${F_DUE} else 0 end
    | case when ${extra} then ${F_EXTRA} else 0 end)`;
  const fields = [
    flags,
    "coalesce(r.district_id, 0)",
    codeOf(GENDER_CODES, "r.gender::text"),
    codeOf(LANGUAGE_CODES, "r.preferred_language"),
    `(${maskOf(TOPIC_CODES, "r.topics")})`,
    `(${maskOf(DISASTER_CATEGORY_CODES, "r.disaster_categories")})`,
    month("(r.birth_year * 12 + r.birth_month - 1)"),
    "coalesce((floor(extract(epoch from r.followed_at))::bigint + 32400) / 86400, 0)",
    month("r.due_month"),
    "coalesce(r.disaster_district_ids[1], 0)",
    "coalesce(r.disaster_district_ids[2], 0)",
    "coalesce(r.child_birth_months[1] - " + MONTH_BASE + " + 1, 0)",
    "coalesce(r.child_birth_months[2] - " + MONTH_BASE + " + 1, 0)",
  ];
  const record = ["int4send(r.seg_pos)", ...fields.map((f) => `int2send((${f})::int2)`)].join(" || ");
  return `select string_agg(${record}, ''::bytea) as records from resident r group by r.seg_pos >> 14`;
}

function decodeRecords(buffer: Buffer, builder: SegmentBitmapBuilder, extras: Set<number>): void {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  for (let at = 0; at + RECORD_BYTES <= buffer.length; at += RECORD_BYTES) {
    const pos = view.getInt32(at);
    const u16 = (i: number) => view.getUint16(at + 4 + 2 * i);
    const flags = u16(0);
    if (flags & F_EXTRA) {
      extras.add(pos);
      continue;
    }
    const district = u16(1);
    const gender = u16(2);
    const language = u16(3);
    const topicMask = u16(4);
    const dcatMask = u16(5);
    const dd1 = u16(9);
    const dd2 = u16(10);
    const c1 = u16(11);
    const c2 = u16(12);
    builder.add({
      pos,
      following: (flags & F_FOLLOWING) !== 0,
      registered: (flags & F_REGISTERED) !== 0,
      districtId: district === 0 ? null : district,
      gender: gender === 0 ? null : GENDER_CODES[gender - 1]!,
      language: LANGUAGE_CODES[language - 1]!,
      topics: topicMask === 0 ? null : TOPIC_CODES.filter((_, i) => topicMask & (1 << i)),
      disasterCategories: dcatMask === 0 ? null : DISASTER_CATEGORY_CODES.filter((_, i) => dcatMask & (1 << i)),
      disasterDistrictIds: dd1 === 0 ? null : dd2 === 0 ? [dd1] : [dd1, dd2],
      tags: null,
      birthMonth: flags & F_BIRTH ? u16(6) + MONTH_BASE : null,
      followedDay: flags & F_FOLLOWED ? u16(7) : null,
      dueMonth: flags & F_DUE ? u16(8) + MONTH_BASE : null,
      childMonths: c1 === 0 ? null : c2 === 0 ? [c1 - 1 + MONTH_BASE] : [c1 - 1 + MONTH_BASE, c2 - 1 + MONTH_BASE],
    });
  }
}

function toSegmentRow(row: Record<string, unknown>): SegmentRow {
  return {
    pos: Number(row.pos),
    following: row.following as boolean,
    registered: row.registered as boolean,
    districtId: (row.district_id as number | null) ?? null,
    gender: (row.gender as string | null) ?? null,
    language: row.language as string,
    topics: row.topics as string[] | null,
    disasterCategories: row.disaster_categories as string[] | null,
    disasterDistrictIds: row.disaster_district_ids as number[] | null,
    tags: row.tags as string[] | null,
    birthMonth: row.birth_month === null ? null : Number(row.birth_month),
    followedDay: row.followed_day === null ? null : Number(row.followed_day),
    dueMonth: (row.due_month as number | null) ?? null,
    childMonths: row.child_birth_months as number[] | null,
  };
}

// ── counting

type BuildInfo = { id: number; size: number; childSlots: number; builtAt: Date };

class BuildGone extends Error {}

// Bitmaps of a build never change, so this process keeps those it has read (newest build only). The
// key includes the build time: build ids of different databases (tests, benchmarks) may be equal.
const cache: { build: string | null; bitmaps: Map<string, Bitmap> } = { build: null, bitmaps: new Map() };

async function loadSource(tx: DbTx, build: BuildInfo, keys: string[]): Promise<BitmapSource> {
  const identity = `${build.id}@${build.builtAt.toISOString()}`;
  if (cache.build !== identity) {
    cache.build = identity;
    cache.bitmaps = new Map();
  }
  const missing = keys.filter((key) => !cache.bitmaps.has(key));
  if (missing.length > 0) {
    const rows = await tx.$queryRawUnsafe<{ key: string; bits: Uint8Array | null }[]>(
      `select k.key, m.bits from (select 1 from segment_index_build where id = $1) b
       cross join unnest($2::text[]) as k(key) left join segment_bitmap m on m.build_id = $1 and m.key = k.key`,
      build.id,
      missing,
    );
    if (rows.length === 0) {
      cache.build = null;
      throw new BuildGone();
    }
    const found = new Map(rows.filter((row) => row.bits !== null).map((row) => [row.key, row.bits!]));
    // A key the build does not have (a tag nobody has) is an empty bitmap.
    for (const key of missing) cache.bitmaps.set(key, Bitmap.fromBytes(found.get(key) ?? new Uint8Array(0), build.size));
  }
  const bitmaps = cache.bitmaps;
  return { size: build.size, childSlots: build.childSlots, get: (key) => bitmaps.get(key) };
}

/** More changed residents than this since the build: count with one scan instead. */
const SQL_COUNT_ABOVE_DIRTY = 100_000;

export type SegmentCount = {
  count: number;
  /** "bitmap" (build + correction) or "sql" (no build yet). */
  method: "bitmap" | "sql";
  /** Residents changed since the build that the count re-decided with SQL. */
  corrected: number;
  ms: number;
};

/**
 * Deliverable residents in the segment on `sendDate`, exactly, now. The newest build and the dirty
 * residents (re-decided with the SQL of to-where.ts) come from ONE statement, so they are one snapshot
 * without a transaction round trip; the build's bitmaps never change, so they may come from the cache.
 */
export async function countSegment(db: DbTx, filter: SegmentFilter, options: { sendDate: Date }): Promise<SegmentCount> {
  const started = performance.now();
  const where = segmentWhere(filter, { sendDate: options.sendDate, firstParam: 2 });
  const [state] = await db.$queryRawUnsafe<{ id: number | null; size: number | null; child_slots: number | null; built_at: Date | null; dirty_count: bigint; dirty: [number, boolean][] | null }[]>(
    `with d as materialized (select distinct position from segment_dirty),
          n as (select count(*) as dirty_count from d)
     select b.id, b.size, b.child_slots, b.built_at, n.dirty_count,
            case when n.dirty_count <= $1 then
              (select coalesce(json_agg(json_build_array(d.position, exists (select 1 from resident r where r.seg_pos = d.position and ${where.text}))), '[]'::json) from d)
            end as dirty
     from n left join lateral (select id, size, child_slots, built_at from segment_index_build order by id desc limit 1) b on true`,
    SQL_COUNT_ABOVE_DIRTY,
    ...where.values,
  );
  if (!state?.id || state.dirty === null) {
    // No build yet, or right after a bulk load before the next build: re-deciding that many
    // residents one by one is slower than one scan.
    const count = await countSegmentBySql(db, filter, options);
    return { count, method: "sql", corrected: 0, ms: performance.now() - started };
  }
  const info = { id: state.id, size: state.size!, childSlots: state.child_slots!, builtAt: state.built_at! };
  let source: BitmapSource;
  try {
    source = await loadSource(db, info, keysForFilter(filter, info.childSlots));
  } catch (error) {
    if (!(error instanceof BuildGone)) throw error;
    // A newer build replaced this one (and its bitmaps) a moment ago: count again on the new one.
    return countSegment(db, filter, options);
  }
  const base = evaluateSegmentBitmap(filter, source, options.sendDate);
  let count = base.count();
  for (const [position, matches] of state.dirty) {
    if (base.has(position)) count--;
    if (matches) count++;
  }
  return { count, method: "bitmap", corrected: state.dirty.length, ms: performance.now() - started };
}

/**
 * Who is in the segment, for the statement that creates a send's batches: the build's bitmap of the
 * segment with the changed residents' bits cleared, and those residents' positions (the statement
 * decides them with to-where.ts). Call it inside the REPEATABLE READ transaction of that statement,
 * so the dirty list and the statement see the same residents. "sql" when no build is usable.
 */
export async function segmentSelection(
  tx: DbTx,
  filter: SegmentFilter,
  options: { sendDate: Date },
): Promise<{ kind: "bitmap"; bits: Buffer; size: number; dirty: number[]; buildId: number } | { kind: "sql" }> {
  const [state] = await tx.$queryRawUnsafe<{ id: number | null; size: number | null; child_slots: number | null; built_at: Date | null; dirty: number[] | null }[]>(
    `with d as materialized (select distinct position from segment_dirty), n as (select count(*) as c from d)
     select b.id, b.size, b.child_slots, b.built_at, case when n.c <= $1 then (select coalesce(array_agg(position), '{}') from d) end as dirty
     from n left join lateral (select id, size, child_slots, built_at from segment_index_build order by id desc limit 1) b on true`,
    SQL_COUNT_ABOVE_DIRTY,
  );
  if (!state?.id || state.dirty === null) return { kind: "sql" };
  const info = { id: state.id, size: state.size!, childSlots: state.child_slots!, builtAt: state.built_at! };
  let source: BitmapSource;
  try {
    source = await loadSource(tx, info, keysForFilter(filter, info.childSlots));
  } catch (error) {
    if (error instanceof BuildGone) return { kind: "sql" };
    throw error;
  }
  const bitmap = evaluateSegmentBitmap(filter, source, options.sendDate);
  for (const position of state.dirty) bitmap.clear(position);
  return { kind: "bitmap", bits: Buffer.from(bitmap.toBytes()), size: info.size, dirty: state.dirty, buildId: info.id };
}

/** The same count by scanning residents (no index build): the reference the bitmaps must agree with. */
export async function countSegmentBySql(db: DbTx, filter: SegmentFilter, options: { sendDate: Date }): Promise<number> {
  const where = segmentWhere(filter, { sendDate: options.sendDate });
  const [row] = await db.$queryRawUnsafe<{ count: bigint }[]>(`select count(*) as count from resident r where ${where.text}`, ...where.values);
  return Number(row?.count ?? 0);
}

/** For tests: forget cached bitmaps. */
export function resetSegmentIndexCache(): void {
  cache.build = null;
  cache.bitmaps = new Map();
}
