// Garbage dictionaries: which one the chat and LIFF use, and the version each change bumps.
import type { Db, DbTx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";

export const DICTIONARY_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Every change to a dictionary's content calls this in its transaction (see GarbageDictionary.version). */
export async function bumpDictionaryVersion(tx: DbTx, dictionaryId: number): Promise<number> {
  const updated = await tx.garbageDictionary.update({ where: { id: dictionaryId }, data: { version: { increment: 1 } }, select: { version: true } });
  return updated.version;
}

/** The municipality's active dictionary, or null when none has been set up. */
export async function findActiveDictionary(db: DbTx) {
  return db.garbageDictionary.findFirst({ where: { active: true } });
}

export async function requireActiveDictionary(db: DbTx) {
  const dictionary = await findActiveDictionary(db);
  if (!dictionary) {
    throw new AppError("NOT_FOUND", {
      message: "no active garbage dictionary",
      userMessage: "ごみ分別の辞書がまだ登録されていません。市役所の担当課にお問い合わせください。",
    });
  }
  return dictionary;
}

/** A dictionary by slug or id (CLI and staff screens). */
export async function findDictionary(db: DbTx, key: string | number) {
  if (typeof key === "number") return db.garbageDictionary.findUnique({ where: { id: key } });
  return db.garbageDictionary.findUnique({ where: { slug: key } });
}

export async function listDictionaries(db: DbTx) {
  return db.garbageDictionary.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    include: { _count: { select: { items: true, areas: true, categories: true, synonyms: true } } },
  });
}

/** Makes one dictionary the one residents use (the partial unique index allows one active). */
export async function activateDictionary(db: Db, dictionaryId: number, actor: AuditActor): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.garbageDictionary.updateMany({ where: { active: true, id: { not: dictionaryId } }, data: { active: false } });
    const dictionary = await tx.garbageDictionary.update({ where: { id: dictionaryId }, data: { active: true } });
    await writeAudit(tx, { actor, action: "garbage.activate", target: { type: "garbage-dictionary", id: String(dictionaryId) }, summary: { slug: dictionary.slug, name: dictionary.name } });
  });
}
