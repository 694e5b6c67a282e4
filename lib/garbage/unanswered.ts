// Queries the search could not answer, counted per normalised text, for staff to turn into
// synonyms (/staff/content/garbage/unanswered).
import type { Db, DbTx } from "@/lib/db";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { bumpDictionaryVersion } from "@/lib/garbage/dictionaries";
import { normalizeText, stripQuestion } from "@/lib/garbage/normalize";
import { invalidateSearchIndex } from "@/lib/garbage/search";

export type UnansweredSource = "chat" | "liff";

/** Counts a query that found nothing (one upsert; concurrent askers add up). */
export async function recordUnanswered(db: DbTx, options: { dictionaryId: number; query: string; source: UnansweredSource }): Promise<void> {
  const example = options.query.trim().slice(0, 200);
  const normalized = stripQuestion(normalizeText(example)).slice(0, 100);
  if (!normalized) return;
  await db.$executeRaw`
    INSERT INTO garbage_unanswered_query (dictionary_id, normalized, example, count, last_source, first_asked_at, last_asked_at)
    VALUES (${options.dictionaryId}, ${normalized}, ${example}, 1, ${options.source}, now(), now())
    ON CONFLICT (dictionary_id, normalized) DO UPDATE
      SET count = garbage_unanswered_query.count + 1, example = EXCLUDED.example, last_source = EXCLUDED.last_source,
          last_asked_at = now(), resolved_at = NULL, resolution = NULL`;
}

export async function findUnanswered(db: DbTx, options: { dictionaryId: number; status: "open" | "resolved"; page: number; pageSize: number }) {
  const where = { dictionaryId: options.dictionaryId, resolvedAt: options.status === "open" ? null : { not: null } };
  const [total, rows] = await Promise.all([
    db.garbageUnansweredQuery.count({ where }),
    db.garbageUnansweredQuery.findMany({
      where,
      orderBy: options.status === "open" ? [{ count: "desc" }, { lastAskedAt: "desc" }] : [{ resolvedAt: "desc" }],
      skip: (options.page - 1) * options.pageSize,
      take: options.pageSize,
    }),
  ]);
  return { total, rows, pageCount: Math.max(1, Math.ceil(total / options.pageSize)) };
}

/**
 * Turns an unanswered query into a synonym (the resident's word → a word the dictionary has) and
 * marks it resolved, in one transaction.
 */
export async function resolveWithSynonym(db: Db, options: { queryId: number; term: string; target: string; actor: AuditActor }): Promise<void> {
  const term = options.term.trim();
  const target = options.target.trim();
  await db.$transaction(async (tx) => {
    const query = await tx.garbageUnansweredQuery.findUnique({ where: { id: options.queryId } });
    if (!query) throw new AppError("NOT_FOUND", { userMessage: "この質問は見つかりませんでした。画面を再読み込みしてください。" });
    const targetExists = await tx.garbageItem.count({ where: { dictionaryId: query.dictionaryId, OR: [{ name: { contains: target } }, { aliases: { has: target } }] } });
    if (targetExists === 0) {
      throw new AppError("INVALID_INPUT", { userMessage: `「${target}」を含む品目が辞書にありません。辞書にある品目名を入力してください。` });
    }
    await tx.garbageSynonym.upsert({
      where: { dictionaryId_term: { dictionaryId: query.dictionaryId, term } },
      create: { dictionaryId: query.dictionaryId, term, target },
      update: { target },
    });
    await tx.garbageUnansweredQuery.update({ where: { id: query.id }, data: { resolvedAt: new Date(), resolution: `synonym:${term}→${target}` } });
    await bumpDictionaryVersion(tx, query.dictionaryId);
    await writeAudit(tx, {
      actor: options.actor,
      action: "garbage.unanswered.resolve",
      target: { type: "garbage-unanswered", id: String(query.id) },
      summary: { query: query.example, count: query.count, synonym: { term, target } },
    });
    invalidateSearchIndex(query.dictionaryId);
  });
}

/** Marks an unanswered query as dealt with without a synonym (not garbage, a joke, …). */
export async function dismissUnanswered(db: Db, options: { queryId: number; actor: AuditActor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.garbageUnansweredQuery.updateMany({ where: { id: options.queryId, resolvedAt: null }, data: { resolvedAt: new Date(), resolution: "dismissed" } });
    if (updated.count === 0) throw new AppError("INVALID_STATE", { userMessage: "この質問はすでに処理されています。画面を再読み込みしてください。" });
    await writeAudit(tx, { actor: options.actor, action: "garbage.unanswered.resolve", target: { type: "garbage-unanswered", id: String(options.queryId) }, summary: { resolution: "dismissed" } });
  });
}
