// Creating a run's batches in slices of resident positions, so that sending starts after the first
// slice instead of after a million recipients (ARCHITECTURE.md "Outbound delivery"; measured in
// docs/benchmarks.md, bench:broadcast). The start transaction (start-run.ts) evaluates the segment
// once — its bitmap and the residents changed since the bitmap build — stores that selection on the
// run and creates the first slice; the rest is made slice by slice, each in its own short transaction
// that holds the run's row, while the lanes already send.
//
// Why this is still exact: the slices are disjoint ranges of `seg_pos` (a resident's position never
// changes), so nobody can be in two slices, and every slice applies the same selection — the segment
// as it was at "send". What a slice reads live is what must be live: a resident who blocked the
// account since "send" is not targeted (follow_status), and one who changed language gets the new
// one. A resident who joins after "send" is not in the selection and gets nothing, as before.
//
// A preparer that dies (its process killed) leaves the run with prepare_from < prepare_to; a lane
// that finds nothing to send and no slice made for PREPARE_STALL_MS takes over (send-lane.ts).
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { PACKED_LINE_USER_ID_SQL, batchesFromGroupsSql } from "@/lib/delivery/recipients";
import { parseSegmentFilter, EVERYONE } from "@/lib/segments/filter";
import { segmentWhere } from "@/lib/segments/to-where";

/** A preparer silent for this long is taken over by a lane. */
export const PREPARE_STALL_MS = 10_000;

/** Positions in the first slice (made in the start transaction): ~30 batches, about 0.1 s. */
export const FIRST_SLICE_POSITIONS = 16_384;

/**
 * Positions in the first slice (made in the start transaction) and the most in any later one; each
 * later slice is as large as all before it together, up to `rest` (16 k, 16 k, 32 k, 64 k … for a
 * million residents 7 statements): sending starts early, and few statements make the rest (each
 * statement has a fixed cost, measured in docs/benchmarks.md). Multiples of 8.
 */
export type SliceSizes = { first: number; rest: number };

/** From DELIVERY_SLICE_POSITIONS (default 262,144); 0 = every batch in the start transaction. */
export function configuredSlices(): SliceSizes {
  const positions = env().DELIVERY_SLICE_POSITIONS;
  if (positions === 0) return { first: Number.MAX_SAFE_INTEGER, rest: Number.MAX_SAFE_INTEGER };
  const rest = Math.max(8, Math.ceil(positions / 8) * 8);
  return { first: Math.min(rest, FIRST_SLICE_POSITIONS), rest };
}

/** Where the slice that starts at `from` ends. */
export function sliceEnd(from: number, end: number, slices: SliceSizes): number {
  if (from === 0) return Math.min(end, slices.first);
  return Math.min(end, from + Math.min(slices.rest, Math.max(slices.first, from)));
}

/** A selection as stored on the run. */
export type RunSelection = { bits: Buffer; size: number; dirty: number[]; languages: string[] };

/** Runs one statement and answers how many rows it wrote (a Prisma transaction or a pg client). */
export type Execute = (sql: string, params: unknown[]) => Promise<number>;

/**
 * The statement that creates the batches of one slice [from, to) of positions. Per language, an
 * index range scan of resident_deliverable_idx (preferred_language, seg_pos; friends only) keeps the
 * residents whose bit is set in the segment's bitmap and packs their LINE user ids (recipients.ts) —
 * no heap access and no sort; residents changed since the bitmap build are decided by the segment's
 * SQL, in groups of their own (their batches never mix with the others'). batchesFromGroupsSql cuts
 * the groups into batches of 500.
 *
 * $1 run id, $2 languages with their own variant, $3 the bitmap's bytes for this slice (from its
 * byte from/8), $4 the bitmap's size, $5 changed residents' positions in this slice, $6 from, $7 to,
 * $8 the last batch seq so far; the segment's parameters follow from $9.
 */
export function sliceBatchInsertSql(languages: string[], whereText: string): string {
  const inSlice = `r.seg_pos >= $6::int and r.seg_pos < $7::int`;
  const inBitmap = `case when r.seg_pos < $4::int then get_bit($3::bytea, r.seg_pos - $6::int) = 1 else false end`;
  const packed = `count(*)::int as n, string_agg(${PACKED_LINE_USER_ID_SQL}, ''::bytea) as ids`;
  const group = (lang: string, g: number, languageCondition: string) => `
        select ${lang} as lang, ${g} as g, ${packed}
        from resident r
        where r.follow_status = 'FOLLOWING' and ${languageCondition} and ${inSlice} and ${inBitmap}`;
  const groups = [
    ...languages.map((_, i) => group(`($2::text[])[${i + 1}]`, i, `r.preferred_language = ($2::text[])[${i + 1}]`)),
    group("'ja'", languages.length, "r.preferred_language <> all($2::text[])"),
    // Changed since the build: one group per language after the others.
    `
        select case when r.preferred_language = any($2::text[]) then r.preferred_language else 'ja' end as lang,
               ${languages.length + 1} + coalesce(array_position($2::text[], r.preferred_language), 0) as g, ${packed}
        from resident r
        where r.seg_pos = any($5::int[]) and ${inSlice} and ${whereText}
        group by 1, 2`,
  ];
  return batchesFromGroupsSql(groups.join("\n        union all"), "$8::int");
}

/** Creates the batches of positions [from, to) with `execute`; answers how many batches it made. */
export async function createSlice(
  execute: Execute,
  options: { runId: string; selection: RunSelection; filter: unknown; sendDate: Date; from: number; to: number; seqBase: number },
): Promise<number> {
  const { selection, from, to } = options;
  if (from % 8 !== 0) throw new Error(`a slice must start on a byte of the bitmap (from ${from})`);
  const filter = options.filter ? parseSegmentFilter(options.filter) : EVERYONE;
  const where = segmentWhere(filter, { sendDate: options.sendDate, firstParam: 9 });
  const bits = selection.bits.subarray(from >> 3, Math.max(from >> 3, Math.min(selection.bits.length, Math.ceil(to / 8))));
  const dirty = selection.dirty.filter((p) => p >= from && p < to);
  return execute(sliceBatchInsertSql(selection.languages, where.text), [options.runId, selection.languages, bits, selection.size, dirty, from, to, options.seqBase, ...where.values]);
}

type RunToPrepare = {
  id: string;
  status: string;
  scheduled_for: Date;
  selection_bits: Buffer;
  selection_size: number;
  selection_dirty: number[];
  languages: string[];
  prepare_from: number;
  prepare_to: number;
  target_filter: unknown;
};

/**
 * Makes the run's remaining slices, one transaction each, until all exist (or the run was canceled).
 * Safe to call from several places at once: each slice locks the run's row, and a caller that finds
 * it locked leaves the work to the one holding it. Returns the batches this call made.
 */
export async function prepareRemainingBatches(db: Db, runId: string, slices: SliceSizes = configuredSlices()): Promise<number> {
  let made = 0;
  let selection: RunSelection | null = null;
  for (;;) {
    const step = await db.$transaction(
      async (tx) => {
        const [run] = await tx.$queryRawUnsafe<RunToPrepare[]>(
          `select r.id, r.status::text as status, r.scheduled_for, ${selection ? "null::bytea" : "r.selection_bits"} as selection_bits, r.selection_size,
                  ${selection ? "'{}'::int[]" : "r.selection_dirty"} as selection_dirty, r.languages, r.prepare_from, r.prepare_to, b.target_filter
           from delivery_run r join broadcast b on b.id = r.broadcast_id
           where r.id = $1::uuid and r.prepared_at is null
           for update of r skip locked`,
          runId,
        );
        if (!run) return "done" as const;
        if (run.status !== "SENDING" || run.prepare_from >= run.prepare_to) {
          await tx.$executeRawUnsafe(`update delivery_run set prepared_at = now(), selection_bits = null where id = $1::uuid`, runId);
          return "done" as const;
        }
        // Never expected; failing loudly keeps the run open (and visible) instead of skipping residents.
        if (!run.selection_bits && !selection) throw new Error(`delivery run ${runId} has slices to make but no stored selection`);
        selection ??= { bits: run.selection_bits, size: run.selection_size, dirty: run.selection_dirty, languages: run.languages };
        const from = run.prepare_from;
        const to = sliceEnd(from, run.prepare_to, slices);
        const [last] = await tx.$queryRawUnsafe<{ seq: number | null }[]>("select max(seq) as seq from delivery_batch where run_id = $1::uuid", runId);
        await tx.$executeRawUnsafe("set local work_mem = '64MB'");
        const started = performance.now();
        const batches = await createSlice((sql, params) => tx.$executeRawUnsafe(sql, ...params), {
          runId,
          selection,
          filter: run.target_filter,
          sendDate: run.scheduled_for,
          from,
          to,
          seqBase: last?.seq ?? 0,
        });
        const ms = Math.round(performance.now() - started);
        const finished = to >= run.prepare_to;
        await tx.$executeRawUnsafe(
          `update delivery_run r set prepare_from = $2, preparing_at = now(), batch_count = r.batch_count + $3, batch_creation_ms = r.batch_creation_ms + $4,
                  prepared_at = case when $5 then now() else null end,
                  selection_bits = case when $5 then null else r.selection_bits end,
                  recipients = case when $5 then (select coalesce(sum(recipient_count), 0) from delivery_batch where run_id = r.id) else r.recipients end
           where r.id = $1::uuid`,
          runId,
          to,
          batches,
          ms,
          finished,
        );
        made += batches;
        return finished ? ("done" as const) : ("more" as const);
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    if (step === "done") return made;
  }
}
