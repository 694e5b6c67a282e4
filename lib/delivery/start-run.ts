// Starting a send (ARCHITECTURE.md "Outbound delivery"): claim the approved broadcast with a
// conditional update, freeze its LINE messages into a DeliveryRun, and turn the segment into
// DeliveryBatch rows — ≤ 500 recipients of one language each, each with its own X-Line-Retry-Key —
// in one SQL statement, all in one transaction. Queue jobs then send the batches (send-lane.ts).
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
import { PACKED_LINE_USER_ID_SQL } from "@/lib/delivery/recipients";
import { finishRunIfDone } from "@/lib/delivery/finish-run";
import { lineMessageContext } from "@/lib/broadcasts/message-context";

/** multicast: "Max: 500 user IDs" (messaging-api.yml, MulticastRequest.to maxItems). */
export const LINE_MULTICAST_MAX_RECIPIENTS = 500;

export type StartRunResult =
  | { started: true; runId: string; recipients: number; batches: number; batchCreationMs: number }
  | { started: false; reason: "not-due" | "not-approved" | "quiet-hours"; nextRunAt?: Date };

/**
 * The one statement that creates every batch of a run. Residents are numbered per language in one
 * pass and cut into chunks of 500; each chunk's LINE user ids are packed into one bytea
 * (lib/delivery/recipients.ts). Blocked residents are never selected (segmentWhere starts with
 * follow_status = 'FOLLOWING'). $1 run id, $2 the languages that have their own variant; the
 * segment's parameters follow.
 */
export function batchInsertSql(whereText: string): string {
  return `
    insert into delivery_batch (run_id, seq, language, recipient_count, recipients, retry_key)
    select $1::uuid, (row_number() over (order by lang, chunk))::int, lang, count(*)::int,
           string_agg(packed, ''::bytea), gen_random_uuid()
    from (
      select lang, packed, (row_number() over (partition by lang) - 1) / ${LINE_MULTICAST_MAX_RECIPIENTS} as chunk
      from (
        select case when r.preferred_language = any($2::text[]) then r.preferred_language else 'ja' end as lang,
               ${PACKED_LINE_USER_ID_SQL} as packed
        from resident r
        where ${whereText}
      ) s
    ) t
    group by lang, chunk`;
}

/**
 * The same statement when the segment bitmap index is usable: per language, an index-only scan of
 * resident_deliverable_idx (preferred_language, with line_user_id and seg_pos) keeps the residents
 * whose bit is set in the segment's bitmap ($3, evaluated from the build), numbered as they come — no
 * heap scan and no sort of a million rows; residents changed since the build ($5) are decided by the
 * segment's SQL. $1 run id, $2 the languages that have their own variant, $4 the bitmap's size.
 */
export function bitmapBatchInsertSql(languages: string[], whereText: string): string {
  const inBitmap = `case when r.seg_pos < $4::int then get_bit($3::bytea, r.seg_pos) = 1 else false end`;
  const branch = (lang: string, languageCondition: string) => `
      select ${lang} as lang, ${PACKED_LINE_USER_ID_SQL} as packed, (row_number() over () - 1) / ${LINE_MULTICAST_MAX_RECIPIENTS} as chunk
      from resident r
      where r.follow_status = 'FOLLOWING' and ${languageCondition} and ${inBitmap}`;
  const branches = [
    ...languages.map((_, i) => branch(`($2::text[])[${i + 1}]`, `r.preferred_language = ($2::text[])[${i + 1}]`)),
    branch("'ja'", "r.preferred_language <> all($2::text[])"),
    // Changed since the build: numbered apart (their chunks never mix with the others').
    `
      select case when r.preferred_language = any($2::text[]) then r.preferred_language else 'ja' end, ${PACKED_LINE_USER_ID_SQL},
             1000000000 + (row_number() over () - 1) / ${LINE_MULTICAST_MAX_RECIPIENTS}
      from resident r
      where r.seg_pos = any($5::int[]) and ${whereText}`,
  ];
  return `
    insert into delivery_batch (run_id, seq, language, recipient_count, recipients, retry_key)
    select $1::uuid, (row_number() over (order by lang, chunk))::int, lang, count(*)::int,
           string_agg(packed, ''::bytea), gen_random_uuid()
    from (${branches.join("\n      union all")}) t
    group by lang, chunk`;
}

type StartRunOptions = { broadcastId: string; actor?: AuditActor | null; now?: Date };

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
      const previous = await tx.deliveryRun.aggregate({ where: { broadcastId: broadcast.id }, _max: { seq: true } });
      const scheduledFor = broadcast.nextRunAt ?? now;
      const run = await tx.deliveryRun.create({
        data: {
          broadcastId: broadcast.id,
          seq: (previous._max.seq ?? 0) + 1,
          scheduledFor,
          startedById: actor?.id ?? null,
          startedByLabel: actor?.label ?? SYSTEM_ACTOR.label,
          messages: messages as object,
        },
      });

      // Aggregating (and, without the bitmaps, sorting) a million rows needs more than the default 4 MB.
      await tx.$executeRawUnsafe("set local work_mem = '256MB'");
      const languages = variantLanguages(content).filter((l) => l !== "ja");
      const started = performance.now();
      const selection = await segmentSelection(tx, filter, { sendDate: scheduledFor });
      let batches: number;
      if (selection.kind === "bitmap") {
        // The planner would rather read the table than the whole covering index for the big
        // Japanese branch; measured, the index-only scan is several times faster (benchmarks.md).
        await tx.$executeRawUnsafe("set local enable_seqscan = off");
        const where = segmentWhere(filter, { sendDate: scheduledFor, firstParam: 6 });
        batches = await tx.$executeRawUnsafe(bitmapBatchInsertSql(languages, where.text), run.id, languages, selection.bits, selection.size, selection.dirty, ...where.values);
        await tx.$executeRawUnsafe("set local enable_seqscan = on");
      } else {
        const where = segmentWhere(filter, { sendDate: scheduledFor, firstParam: 3 });
        batches = await tx.$executeRawUnsafe(batchInsertSql(where.text), run.id, languages, ...where.values);
      }
      const batchCreationMs = Math.round(performance.now() - started);
      const [totals] = await tx.$queryRawUnsafe<{ recipients: bigint | null }[]>(
        "select sum(recipient_count) as recipients from delivery_batch where run_id = $1::uuid",
        run.id,
      );
      const recipients = Number(totals?.recipients ?? 0);
      await tx.deliveryRun.update({ where: { id: run.id }, data: { recipients, batchCount: batches, batchCreationMs } });
      await writeAudit(tx, {
        actor: actor ?? SYSTEM_ACTOR,
        action: "broadcast.send",
        target: { type: "broadcast", id: broadcast.id },
        summary: { title: broadcast.title, run: run.seq, recipients, batches, emergency: broadcast.emergency, target: broadcast.targetLabel },
      });
      return { started: true, runId: run.id, recipients, batches, batchCreationMs } as const;
    },
    // REPEATABLE READ: the segment's bitmap, its list of changed residents and the statement that
    // creates the batches must all see the same residents (lib/segments/segment-index.ts).
    { timeout: 300_000, maxWait: 30_000, isolationLevel: "RepeatableRead" },
  ).then(async (result) => {
    // Nobody to send to: the run is already complete.
    if (result.started && result.batches === 0) await finishRunIfDone(db, result.runId);
    return result;
  });
}
