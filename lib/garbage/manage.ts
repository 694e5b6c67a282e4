// Staff edits of a garbage dictionary (/staff/content/garbage): items, categories, areas and their
// collection rules, suspensions and synonyms. Each change is audited and bumps the dictionary's
// version in the same transaction, so every app instance's search index follows within a second.
import type { Db, DbTx } from "@/lib/db";
import { z } from "@/lib/zod";
import { AppError } from "@/lib/errors";
import { diffSummary, writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { bumpDictionaryVersion } from "@/lib/garbage/dictionaries";
import { invalidateSearchIndex } from "@/lib/garbage/search";
import { parseRule } from "@/lib/garbage/schedule";

const id = z.coerce.number().int().positive();
const optionalId = z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : v), z.coerce.number().int().positive().optional());
const text = (max: number) => z.string().trim().max(max, `${max} 文字以内で入力してください。`);
const required = (label: string, max: number) => z.string().trim().min(1, `${label}を入力してください。`).max(max, `${max} 文字以内で入力してください。`);

/** 「スマートフォン、スマホ」 → ["スマートフォン", "スマホ"] */
const list = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[、,\n]/).map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.string().max(100)).max(30, "別名は 30 個までです。"),
);

export const itemSchema = z.object({
  dictionaryId: id,
  name: required("品目名", 200),
  reading: text(200)
    .refine((v) => v === "" || /^[\p{Script=Hiragana}\p{Script=Katakana}ー\s]+$/u.test(v), "読みはひらがなで入力してください（複数あるときは空白で区切ります）。")
    .default(""),
  aliases: list.default([]),
  categoryId: id,
  notice: text(2000).default(""),
});
export const updateItemSchema = itemSchema.extend({ itemId: id });
export type ItemInput = z.infer<typeof itemSchema>;

export const categorySchema = z.object({
  dictionaryId: id,
  name: required("分別区分の名前", 100),
  description: text(1000).default(""),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, "色は #ea3b13 のように 16 進数で入力してください。"),
  scheduleCategoryId: optionalId,
});
export const updateCategorySchema = categorySchema.extend({ categoryId: id });

export const areaSchema = z.object({
  dictionaryId: id,
  name: required("地区名", 100),
  groupName: text(100).default(""),
});

export const suspensionSchema = z
  .object({
    dictionaryId: id,
    startsOn: z.iso.date("日付を選んでください。"),
    endsOn: z.iso.date("日付を選んでください。"),
    centerId: optionalId,
    note: text(200).default(""),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ["endsOn"], message: "終了日は開始日以降にしてください。" });

export const synonymSchema = z.object({
  dictionaryId: id,
  term: required("住民の言い方", 50),
  target: required("辞書の言い方", 100),
});

async function changed(tx: DbTx, dictionaryId: number): Promise<void> {
  await bumpDictionaryVersion(tx, dictionaryId);
}

function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", { userMessage: `${what}が見つかりませんでした。画面を再読み込みしてください。` });
}

async function requireCategory(tx: DbTx, dictionaryId: number, categoryId: number) {
  const category = await tx.garbageCategory.findFirst({ where: { id: categoryId, dictionaryId } });
  if (!category) throw new AppError("INVALID_INPUT", { userMessage: "分別区分を選び直してください。" });
  return category;
}

// ── items

export async function createItem(db: Db, input: ItemInput & { actor: AuditActor }) {
  const item = await db.$transaction(async (tx) => {
    await requireCategory(tx, input.dictionaryId, input.categoryId);
    const max = await tx.garbageItem.aggregate({ where: { dictionaryId: input.dictionaryId }, _max: { sortOrder: true } });
    const item = await tx.garbageItem.create({
      data: {
        dictionaryId: input.dictionaryId,
        categoryId: input.categoryId,
        name: input.name,
        reading: input.reading.trim(),
        readingAuto: false,
        aliases: input.aliases,
        notice: input.notice,
        sortOrder: (max._max.sortOrder ?? 0) + 1,
      },
    });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, { actor: input.actor, action: "garbage.item.create", target: { type: "garbage-item", id: String(item.id) }, summary: { name: item.name, categoryId: item.categoryId } });
    return item;
  });
  invalidateSearchIndex(input.dictionaryId);
  return item;
}

export async function updateItem(db: Db, input: ItemInput & { itemId: number; actor: AuditActor }) {
  const item = await db.$transaction(async (tx) => {
    const before = await tx.garbageItem.findFirst({ where: { id: input.itemId, dictionaryId: input.dictionaryId } });
    if (!before) throw notFound("品目");
    await requireCategory(tx, input.dictionaryId, input.categoryId);
    const reading = input.reading.trim();
    const after = { name: input.name, reading, aliases: input.aliases, notice: input.notice, categoryId: input.categoryId };
    const item = await tx.garbageItem.update({
      where: { id: before.id },
      // A reading staff typed is theirs; an emptied one is generated again by the garbage.fill-readings job.
      data: { ...after, readingAuto: reading === before.reading ? before.readingAuto : false },
    });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, { actor: input.actor, action: "garbage.item.update", target: { type: "garbage-item", id: String(item.id) }, summary: diffSummary(before, after) });
    return item;
  });
  invalidateSearchIndex(input.dictionaryId);
  return item;
}

export async function deleteItem(db: Db, input: { dictionaryId: number; itemId: number; actor: AuditActor }) {
  await db.$transaction(async (tx) => {
    const item = await tx.garbageItem.findFirst({ where: { id: input.itemId, dictionaryId: input.dictionaryId } });
    if (!item) throw notFound("品目");
    await tx.garbageItem.delete({ where: { id: item.id } });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, { actor: input.actor, action: "garbage.item.delete", target: { type: "garbage-item", id: String(item.id) }, summary: { name: item.name } });
  });
  invalidateSearchIndex(input.dictionaryId);
}

export async function findItems(db: DbTx, options: { dictionaryId: number; q?: string; categoryId?: number; page: number; pageSize: number }) {
  const q = options.q?.trim();
  const where = {
    dictionaryId: options.dictionaryId,
    ...(options.categoryId ? { categoryId: options.categoryId } : {}),
    ...(q ? { OR: [{ name: { contains: q } }, { reading: { contains: q } }, { aliases: { has: q } }] } : {}),
  };
  const [total, rows] = await Promise.all([
    db.garbageItem.count({ where }),
    db.garbageItem.findMany({
      where,
      include: { category: { select: { name: true, colour: true } } },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      skip: (options.page - 1) * options.pageSize,
      take: options.pageSize,
    }),
  ]);
  return { total, rows, pageCount: Math.max(1, Math.ceil(total / options.pageSize)) };
}

// ── categories

export async function createCategory(db: Db, input: z.infer<typeof categorySchema> & { actor: AuditActor }) {
  const category = await db.$transaction(async (tx) => {
    if (await tx.garbageCategory.findFirst({ where: { dictionaryId: input.dictionaryId, name: input.name } })) {
      throw new AppError("CONFLICT", { userMessage: `分別区分「${input.name}」はすでにあります。` });
    }
    if (input.scheduleCategoryId) await requireCategory(tx, input.dictionaryId, input.scheduleCategoryId);
    const max = await tx.garbageCategory.aggregate({ where: { dictionaryId: input.dictionaryId }, _max: { sortOrder: true } });
    const category = await tx.garbageCategory.create({
      data: { dictionaryId: input.dictionaryId, name: input.name, description: input.description, colour: input.colour.toLowerCase(), scheduleCategoryId: input.scheduleCategoryId ?? null, sortOrder: (max._max.sortOrder ?? 0) + 1 },
    });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, { actor: input.actor, action: "garbage.category.create", target: { type: "garbage-category", id: String(category.id) }, summary: { name: category.name } });
    return category;
  });
  invalidateSearchIndex(input.dictionaryId);
  return category;
}

export async function updateCategory(db: Db, input: z.infer<typeof updateCategorySchema> & { actor: AuditActor }) {
  await db.$transaction(async (tx) => {
    const before = await requireCategory(tx, input.dictionaryId, input.categoryId);
    if (input.scheduleCategoryId === input.categoryId) throw new AppError("INVALID_INPUT", { userMessage: "収集日を合わせる分別区分に、同じ区分は選べません。" });
    if (input.scheduleCategoryId) await requireCategory(tx, input.dictionaryId, input.scheduleCategoryId);
    const clash = await tx.garbageCategory.findFirst({ where: { dictionaryId: input.dictionaryId, name: input.name, id: { not: before.id } } });
    if (clash) throw new AppError("CONFLICT", { userMessage: `分別区分「${input.name}」はすでにあります。` });
    const after = { name: input.name, description: input.description, colour: input.colour.toLowerCase(), scheduleCategoryId: input.scheduleCategoryId ?? null };
    await tx.garbageCategory.update({ where: { id: before.id }, data: after });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, { actor: input.actor, action: "garbage.category.update", target: { type: "garbage-category", id: String(before.id) }, summary: diffSummary(before, after) });
  });
  invalidateSearchIndex(input.dictionaryId);
}

export async function deleteCategory(db: Db, input: { dictionaryId: number; categoryId: number; actor: AuditActor }) {
  await db.$transaction(async (tx) => {
    const category = await requireCategory(tx, input.dictionaryId, input.categoryId);
    const items = await tx.garbageItem.count({ where: { categoryId: category.id } });
    if (items > 0) throw new AppError("INVALID_STATE", { userMessage: `この分別区分には品目が ${items} 件あります。先に品目をほかの区分に移すか削除してください。` });
    await tx.garbageCategory.delete({ where: { id: category.id } });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, { actor: input.actor, action: "garbage.category.delete", target: { type: "garbage-category", id: String(category.id) }, summary: { name: category.name } });
  });
  invalidateSearchIndex(input.dictionaryId);
}

// ── areas and collection rules

export async function createArea(db: Db, input: z.infer<typeof areaSchema> & { actor: AuditActor }) {
  return db.$transaction(async (tx) => {
    if (await tx.garbageArea.findFirst({ where: { dictionaryId: input.dictionaryId, groupName: input.groupName, name: input.name } })) {
      throw new AppError("CONFLICT", { userMessage: `地区「${input.name}」はすでにあります。` });
    }
    const max = await tx.garbageArea.aggregate({ where: { dictionaryId: input.dictionaryId }, _max: { sortOrder: true } });
    const area = await tx.garbageArea.create({ data: { dictionaryId: input.dictionaryId, name: input.name, groupName: input.groupName, sortOrder: (max._max.sortOrder ?? 0) + 1 } });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, { actor: input.actor, action: "garbage.area.create", target: { type: "garbage-area", id: String(area.id) }, summary: { name: area.name } });
    return area;
  });
}

export type UpdateAreaInput = {
  dictionaryId: number;
  areaId: number;
  name: string;
  centerId: number | null;
  /** categoryId → 5374 pattern ("" = not collected). */
  rules: Record<number, string>;
  /** The city's districts (district.id) this area covers. */
  districtIds: number[];
  actor: AuditActor;
};

export type UpdateAreaResult = { ok: true } | { ok: false; errors: Record<string, string[]> };

/** Saves an area's name, centre, rules and districts. Unreadable rules come back as field errors (rule_<categoryId>). */
export async function updateArea(db: Db, input: UpdateAreaInput): Promise<UpdateAreaResult> {
  const errors: Record<string, string[]> = {};
  const patterns: { categoryId: number; pattern: string }[] = [];
  for (const [categoryId, raw] of Object.entries(input.rules)) {
    const pattern = raw.normalize("NFKC").replace(/\s+/g, " ").trim();
    if (!pattern) continue;
    const parsed = parseRule(pattern);
    if (!parsed.ok) errors[`rule_${categoryId}`] = [parsed.error];
    else if (!parsed.rule.none) patterns.push({ categoryId: Number(categoryId), pattern });
  }
  if (!input.name.trim()) errors.name = ["地区名を入力してください。"];
  if (Object.keys(errors).length) return { ok: false, errors };
  await db.$transaction(async (tx) => {
    const area = await tx.garbageArea.findFirst({ where: { id: input.areaId, dictionaryId: input.dictionaryId }, include: { rules: true, districts: true } });
    if (!area) throw notFound("地区");
    const categories = new Set((await tx.garbageCategory.findMany({ where: { dictionaryId: input.dictionaryId }, select: { id: true } })).map((c) => c.id));
    if (patterns.some((p) => !categories.has(p.categoryId))) throw new AppError("INVALID_INPUT", { userMessage: "分別区分が変わりました。画面を再読み込みしてください。" });
    if (input.centerId && !(await tx.garbageCenter.findFirst({ where: { id: input.centerId, dictionaryId: input.dictionaryId } }))) {
      throw new AppError("INVALID_INPUT", { userMessage: "センターを選び直してください。" });
    }
    const districtIds = [...new Set(input.districtIds)];
    const known = await tx.district.count({ where: { id: { in: districtIds } } });
    if (known !== districtIds.length) throw new AppError("INVALID_INPUT", { userMessage: "地区（町丁目）を選び直してください。" });
    await tx.garbageArea.update({ where: { id: area.id }, data: { name: input.name.trim(), centerId: input.centerId } });
    await tx.garbageCollectionRule.deleteMany({ where: { areaId: area.id } });
    if (patterns.length) await tx.garbageCollectionRule.createMany({ data: patterns.map((p) => ({ areaId: area.id, ...p })) });
    // A district belongs to one area per dictionary: moving it here takes it from another area.
    await tx.garbageAreaDistrict.deleteMany({ where: { dictionaryId: input.dictionaryId, OR: [{ areaId: area.id }, { districtId: { in: districtIds } }] } });
    if (districtIds.length) await tx.garbageAreaDistrict.createMany({ data: districtIds.map((districtId) => ({ dictionaryId: input.dictionaryId, districtId, areaId: area.id })) });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, {
      actor: input.actor,
      action: "garbage.area.update",
      target: { type: "garbage-area", id: String(area.id) },
      summary: {
        name: area.name === input.name.trim() ? area.name : { before: area.name, after: input.name.trim() },
        rules: { before: Object.fromEntries(area.rules.map((r) => [r.categoryId, r.pattern])), after: Object.fromEntries(patterns.map((p) => [p.categoryId, p.pattern])) },
        districts: { before: area.districts.map((d) => d.districtId), after: districtIds },
      },
    });
  });
  return { ok: true };
}

export async function deleteArea(db: Db, input: { dictionaryId: number; areaId: number; actor: AuditActor }) {
  await db.$transaction(async (tx) => {
    const area = await tx.garbageArea.findFirst({ where: { id: input.areaId, dictionaryId: input.dictionaryId } });
    if (!area) throw notFound("地区");
    await tx.garbageArea.delete({ where: { id: area.id } });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, { actor: input.actor, action: "garbage.area.delete", target: { type: "garbage-area", id: String(area.id) }, summary: { name: area.name } });
  });
}

export async function findAreas(db: DbTx, options: { dictionaryId: number; q?: string; page: number; pageSize: number }) {
  const q = options.q?.trim();
  const where = { dictionaryId: options.dictionaryId, ...(q ? { OR: [{ name: { contains: q } }, { groupName: { contains: q } }] } : {}) };
  const [total, rows] = await Promise.all([
    db.garbageArea.count({ where }),
    db.garbageArea.findMany({
      where,
      include: { center: { select: { name: true } }, rules: { include: { category: { select: { name: true, colour: true, sortOrder: true } } } }, _count: { select: { districts: true } } },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      skip: (options.page - 1) * options.pageSize,
      take: options.pageSize,
    }),
  ]);
  return { total, rows, pageCount: Math.max(1, Math.ceil(total / options.pageSize)) };
}

// ── suspensions

export async function createSuspension(db: Db, input: z.infer<typeof suspensionSchema> & { actor: AuditActor }) {
  return db.$transaction(async (tx) => {
    if (input.centerId && !(await tx.garbageCenter.findFirst({ where: { id: input.centerId, dictionaryId: input.dictionaryId } }))) {
      throw new AppError("INVALID_INPUT", { userMessage: "センターを選び直してください。" });
    }
    const suspension = await tx.garbageSuspension.create({
      data: { dictionaryId: input.dictionaryId, centerId: input.centerId ?? null, startsOn: new Date(input.startsOn), endsOn: new Date(input.endsOn), note: input.note },
    });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, { actor: input.actor, action: "garbage.suspension.create", target: { type: "garbage-suspension", id: String(suspension.id) }, summary: { startsOn: input.startsOn, endsOn: input.endsOn, centerId: input.centerId ?? null } });
    return suspension;
  });
}

export async function deleteSuspension(db: Db, input: { dictionaryId: number; suspensionId: number; actor: AuditActor }) {
  await db.$transaction(async (tx) => {
    const s = await tx.garbageSuspension.findFirst({ where: { id: input.suspensionId, dictionaryId: input.dictionaryId } });
    if (!s) throw notFound("休止期間");
    await tx.garbageSuspension.delete({ where: { id: s.id } });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, { actor: input.actor, action: "garbage.suspension.delete", target: { type: "garbage-suspension", id: String(s.id) }, summary: { startsOn: s.startsOn, endsOn: s.endsOn } });
  });
}

// ── synonyms

export async function createSynonym(db: Db, input: z.infer<typeof synonymSchema> & { actor: AuditActor }) {
  const synonym = await db.$transaction(async (tx) => {
    const existing = await tx.garbageSynonym.findUnique({ where: { dictionaryId_term: { dictionaryId: input.dictionaryId, term: input.term } } });
    if (existing) throw new AppError("CONFLICT", { userMessage: `「${input.term}」の言い換えはすでにあります（→ ${existing.target}）。先に削除してください。` });
    const synonym = await tx.garbageSynonym.create({ data: { dictionaryId: input.dictionaryId, term: input.term, target: input.target } });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, { actor: input.actor, action: "garbage.synonym.create", target: { type: "garbage-synonym", id: String(synonym.id) }, summary: { term: input.term, target: input.target } });
    return synonym;
  });
  invalidateSearchIndex(input.dictionaryId);
  return synonym;
}

export async function deleteSynonym(db: Db, input: { dictionaryId: number; synonymId: number; actor: AuditActor }) {
  await db.$transaction(async (tx) => {
    const s = await tx.garbageSynonym.findFirst({ where: { id: input.synonymId, dictionaryId: input.dictionaryId } });
    if (!s) throw notFound("言い換え");
    await tx.garbageSynonym.delete({ where: { id: s.id } });
    await changed(tx, input.dictionaryId);
    await writeAudit(tx, { actor: input.actor, action: "garbage.synonym.delete", target: { type: "garbage-synonym", id: String(s.id) }, summary: { term: s.term, target: s.target } });
  });
  invalidateSearchIndex(input.dictionaryId);
}
