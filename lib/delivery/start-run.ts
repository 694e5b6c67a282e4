// Starting a send (ARCHITECTURE.md "Outbound delivery"): claim the approved broadcast with a
// conditional update, freeze its LINE messages into a DeliveryRun, evaluate its segment once, and turn
// the segment into DeliveryBatch rows — ≤ 500 recipients of one language each, each with its own
// X-Line-Retry-Key. With the segment bitmap index (the usual case) the first slice of positions is
// made here, in the start transaction, and the rest by prepare-run.ts while lanes already send;
// without it, every batch is made here in one statement. Queue jobs then send the batches (send-lane.ts).
import { isTransactionConflict, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { writeAudit, SYSTEM_ACTOR, type AuditActor } from "@/lib/audit/write-audit";
import { readContent, variantLanguages } from "@/lib/broadcasts/content";
import { buildLineMessages } from "@/lib/broadcasts/line-messages";
import { afterQuietHours, isQuietTime, parseQuietHours } from "@/lib/broadcasts/schedule";
import { parseSegmentFilter, EVERYONE } from "@/lib/segments/filter";
import { segmentWhere } from "@/lib/segments/to-where";
import { segmentSelection } from "@/lib/segments/segment-index";
import { PACKED_LINE_USER_ID_SQL, batchesFromGroupsSql } from "@/lib/delivery/recipients";
import { configuredSlices, createSlice, sliceEnd, type SliceSizes } from "@/lib/delivery/prepare-run";
import { finishRunIfDone } from "@/lib/delivery/finish-run";
import { lineMessageContext } from "@/lib/broadcasts/message-context";


export type StartRunResult =
  | {
      started: true;
      runId: string;
      /** Residents the send is for (the segment's count at "send"). */
      recipients: number;
      /** Batches made in the start transaction (all of them when `prepared`). */
      batches: number;
      batchCreationMs: number;
      /** False while later slices are still to be made (prepareRemainingBatches). */
      prepared: boolean;
    }
  | { started: false; reason: "not-due" | "not-approved" | "quiet-hours"; nextRunAt?: Date };

/**
 * The one statement that creates every batch of a run when the segment has no bitmap: the segment's
 * SQL selects the residents, grouped by the language they get, and batchesFromGroupsSql cuts each
 * group into batches of 500 (recipients.ts). Blocked residents are never selected (segmentWhere starts
 * with follow_status = 'FOLLOWING'). $1 run id, $2 the languages that have their own variant; the
 * segment's parameters follow.
 */
export function batchInsertSql(whereText: string): string {
  return batchesFromGroupsSql(
    `
        select case when r.preferred_language = any($2::text[]) then r.preferred_language else 'ja' end as lang,
               coalesce(array_position($2::text[], r.preferred_language), 0) as g,
               count(*)::int as n, string_agg(${PACKED_LINE_USER_ID_SQL}, ''::bytea) as ids
        from resident r
        where ${whereText}
        group by 1, 2`,
    "0",
  );
}

/** What the start transaction writes about the run's batches (delivery_run's preparation columns). */
type Preparation = {
  preparedAt: Date | null;
  prepareFrom: number;
  prepareTo: number;
  /** The segment's selection, kept while slices are still to be made (prepare-run.ts). */
  selectionBits: Buffer | null;
  selectionSize: number | null;
  selectionDirty: number[];
  languages: string[];
  preparingAt: Date | null;
};

/** Every batch made in the start transaction: nothing kept for later slices. */
const ALL_PREPARED: Preparation = { preparedAt: null, prepareFrom: 0, prepareTo: 0, selectionBits: null, selectionSize: null, selectionDirty: [], languages: [], preparingAt: null };

type StartRunOptions = { broadcastId: string; actor?: AuditActor | null; now?: Date; slices?: SliceSizes };

/**
 * Starts a send once. Two starts at the same moment (a double click, two workers): both read APPROVED,
 * one claims it, and the other's REPEATABLE READ transaction fails on the claimed row — it is run again,
 * now sees SENDING and answers "not-approved", like any later start.
 */
export async function startDeliveryRun(db: Db, options: StartRunOptions): Promise<StartRunResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDeliveryRunOnce(db, options);
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= 3) throw error;
    }
  }
}

async function startDeliveryRunOnce(db: Db, options: StartRunOptions): Promise<StartRunResult> {
  const now = options.now ?? new Date();
  const actor = options.actor ?? null;
  const quiet = parseQuietHours(env().BROADCAST_QUIET_HOURS);
  const context = lineMessageContext();
  return db.$transaction(
    async (tx) => {
      const broadcast = await tx.broadcast.findUnique({ where: { id: options.broadcastId } });
      if (!broadcast) throw new AppError("NOT_FOUND", { userMessage: "配信が見つかりませんでした。" });
      if (broadcast.status !== "APPROVED") return { started: false, reason: "not-approved" } as const;
      if (broadcast.nextRunAt && broadcast.nextRunAt.getTime() > now.getTime()) return { started: false, reason: "not-due", nextRunAt: broadcast.nextRunAt } as const;
      if (!broadcast.emergency && !broadcast.sendDuringQuietHours && isQuietTime(now, quiet)) {
        const nextRunAt = afterQuietHours(now, quiet);
        await tx.broadcast.updateMany({ where: { id: broadcast.id, status: "APPROVED" }, data: { nextRunAt } });
        return { started: false, reason: "quiet-hours", nextRunAt } as const;
      }
      // The claim: of two workers (or a double click), exactly one gets count 1.
      const claimed = await tx.broadcast.updateMany({ where: { id: broadcast.id, status: "APPROVED", updatedAt: broadcast.updatedAt }, data: { status: "SENDING" } });
      if (claimed.count === 0) return { started: false, reason: "not-approved" } as const;

      const content = readContent(broadcast.content);
      const messages = buildLineMessages(content, context);
      const filter = broadcast.targetFilter ? parseSegmentFilter(broadcast.targetFilter) : EVERYONE;
      const scheduledFor = broadcast.nextRunAt ?? now;
      // The run's statements are SQL, not Prisma's query builder: Prisma compiles each new query shape the
      // first time a process uses it, and a web server meets these three only when it sends — its first
      // send after a start paid 40–100 ms more for them (throwaway script, three fresh processes each; the
      // same once warm). Numbered after the broadcast's earlier runs (one per send of a recurring one).
      const [run] = await tx.$queryRawUnsafe<{ id: string; seq: number }[]>(
        `insert into delivery_run (broadcast_id, seq, scheduled_for, started_by_id, started_by_label, messages)
         values ($1::uuid, (select coalesce(max(seq), 0) + 1 from delivery_run where broadcast_id = $1::uuid), $2, $3::uuid, $4, $5::jsonb)
         returning id, seq`,
        broadcast.id,
        scheduledFor,
        actor?.id ?? null,
        actor?.label ?? SYSTEM_ACTOR.label,
        JSON.stringify(messages),
      );
      if (!run) throw new Error(`delivery run for broadcast ${broadcast.id} not created`);

      // Aggregating (and, without the bitmaps, sorting) a million rows needs more than the default 4 MB.
      await tx.$executeRawUnsafe("set local work_mem = '256MB'");
      const languages = variantLanguages(content).filter((l) => l !== "ja");
      const started = performance.now();
      const selection = await segmentSelection(tx, filter, { sendDate: scheduledFor });
      let batches: number;
      // The run's preparation state: everything made here, or the selection kept for the later slices.
      let preparation: Preparation = { ...ALL_PREPARED, preparedAt: new Date() };
      // Until the last slice is made, the count the progress shows: the segment's count now.
      let expected: number | null = null;
      if (selection.kind === "bitmap") {
        const slices = options.slices ?? configuredSlices();
        const [bounds] = await tx.$queryRawUnsafe<{ end: number }[]>(`select coalesce(max(seg_pos), -1) + 1 as "end" from resident`);
        const end = bounds?.end ?? 0;
        const to = sliceEnd(0, end, slices);
        // The planner would rather read the table than the covering index for the big Japanese
        // branch; measured, the index range scans are several times faster (benchmarks.md).
        await tx.$executeRawUnsafe("set local enable_seqscan = off");
        batches = await createSlice((sql, params) => tx.$executeRawUnsafe(sql, ...params), {
          runId: run.id,
          selection: { bits: selection.bits, size: selection.size, dirty: selection.dirty, languages },
          filter: broadcast.targetFilter,
          sendDate: scheduledFor,
          from: 0,
          to,
          seqBase: 0,
        });
        await tx.$executeRawUnsafe("set local enable_seqscan = on");
        if (to < end) {
          // The selection is kept on the run: every later slice applies the segment as it was now.
          const changed = segmentWhere(filter, { sendDate: scheduledFor, firstParam: 2 });
          const [dirty] = await tx.$queryRawUnsafe<{ count: number }[]>(
            `select count(*)::int as count from resident r where r.seg_pos = any($1::int[]) and ${changed.text}`,
            selection.dirty,
            ...changed.values,
          );
          expected = popcount(selection.bits) + (dirty?.count ?? 0);
          preparation = { preparedAt: null, selectionBits: selection.bits, selectionSize: selection.size, selectionDirty: selection.dirty, languages, prepareFrom: to, prepareTo: end, preparingAt: new Date() };
        } else {
          preparation = { ...ALL_PREPARED, preparedAt: new Date(), prepareFrom: end, prepareTo: end };
        }
      } else {
        const where = segmentWhere(filter, { sendDate: scheduledFor, firstParam: 3 });
        batches = await tx.$executeRawUnsafe(batchInsertSql(where.text), run.id, languages, ...where.values);
      }
      const batchCreationMs = Math.round(performance.now() - started);
      const prepared = expected === null;
      let recipients = expected ?? 0;
      if (prepared) {
        const [totals] = await tx.$queryRawUnsafe<{ recipients: bigint | null }[]>(
          "select sum(recipient_count) as recipients from delivery_batch where run_id = $1::uuid",
          run.id,
        );
        recipients = Number(totals?.recipients ?? 0);
      }
      await tx.$executeRawUnsafe(
        `update delivery_run set recipients = $2, batch_count = $3, batch_creation_ms = $4, prepared_at = $5, prepare_from = $6, prepare_to = $7,
                selection_bits = $8, selection_size = $9, selection_dirty = $10::int[], languages = $11::text[], preparing_at = $12
         where id = $1::uuid`,
        run.id,
        recipients,
        batches,
        batchCreationMs,
        preparation.preparedAt,
        preparation.prepareFrom,
        preparation.prepareTo,
        preparation.selectionBits,
        preparation.selectionSize,
        preparation.selectionDirty,
        preparation.languages,
        preparation.preparingAt,
      );
      await writeAudit(tx, {
        actor: actor ?? SYSTEM_ACTOR,
        action: "broadcast.send",
        target: { type: "broadcast", id: broadcast.id },
        summary: { title: broadcast.title, run: run.seq, recipients, emergency: broadcast.emergency, target: broadcast.targetLabel },
      });
      return { started: true, runId: run.id, recipients, batches, batchCreationMs, prepared } as const;
    },
    // REPEATABLE READ: the segment's bitmap, its list of changed residents and the statement that
    // creates the batches must all see the same residents (lib/segments/segment-index.ts).
    { timeout: 300_000, maxWait: 30_000, isolationLevel: "RepeatableRead" },
  ).then(async (result) => {
    // Nobody to send to: the run is already complete.
    if (result.started && result.prepared && result.batches === 0) await finishRunIfDone(db, result.runId);
    return result;
  });
}

/** Residents in a segment bitmap. */
function popcount(bits: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < bits.length; i++) {
    let b = bits[i]!;
    while (b) {
      b &= b - 1;
      count++;
    }
  }
  return count;
}
