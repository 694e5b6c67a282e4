"use server";
// Server actions of ごみ分別 (content.edit). Each copes with being called without a form (the
// permission-matrix test posts []): it then changes nothing and answers with a validation message.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/boss";
import { requireStaff } from "@/lib/auth/staff-access";
import { failed, formValues, invalid } from "@/lib/forms/action-result";
import type { ActionState } from "@/lib/forms/action-state";
import { activateDictionary } from "@/lib/garbage/dictionaries";
import { importDictionaryFiles } from "@/lib/garbage/import";
import { fillReadingsJob } from "@/lib/garbage/jobs";
import {
  areaSchema,
  categorySchema,
  createArea,
  createCategory,
  createItem,
  createSuspension,
  createSynonym,
  deleteArea,
  deleteCategory,
  deleteItem,
  deleteSuspension,
  deleteSynonym,
  itemSchema,
  suspensionSchema,
  synonymSchema,
  updateArea,
  updateCategory,
  updateCategorySchema,
  updateItem,
  updateItemSchema,
} from "@/lib/garbage/manage";
import { dismissUnanswered, resolveWithSynonym } from "@/lib/garbage/unanswered";
import { invalidateSearchIndex } from "@/lib/garbage/search";
import type { ImportFormState } from "@/components/garbage/import-form";

function asFormData(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

const BASE = "/staff/content/garbage";
const refs = z.object({ dictionaryId: z.coerce.number().int().positive(), id: z.coerce.number().int().positive() });

async function queueReadings(dictionaryId: number): Promise<void> {
  // Readings are generated in the worker (the analyser is too heavy for a web instance).
  await enqueue(fillReadingsJob, { dictionaryId }, { singletonKey: `garbage-readings-${dictionaryId}` }).catch((error) => {
    console.error("[garbage] could not queue reading generation", error);
  });
}

// ── items

export async function saveGarbageItemAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const values = formValues(asFormData(input));
  const editing = values.itemId ? updateItemSchema.safeParse(values) : null;
  const parsed = editing ?? itemSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  let itemId: number;
  try {
    const item = editing?.success ? await updateItem(db, { ...editing.data, actor: staff }) : await createItem(db, { ...parsed.data, actor: staff });
    itemId = item.id;
    if (!item.reading) await queueReadings(item.dictionaryId);
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath(`${BASE}/items`);
  redirect(`${BASE}/items/edit?id=${itemId}&saved=1`);
}

export async function deleteGarbageItemAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = refs.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deleteItem(db, { dictionaryId: parsed.data.dictionaryId, itemId: parsed.data.id, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath(`${BASE}/items`);
  redirect(`${BASE}/items?deleted=1`);
}

// ── categories

export async function saveGarbageCategoryAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const values = formValues(asFormData(input));
  const update = values.categoryId ? updateCategorySchema.safeParse(values) : null;
  const parsed = update ?? categorySchema.safeParse(values);
  const editing = Boolean(update);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    if (update?.success) await updateCategory(db, { ...update.data, actor: staff });
    else await createCategory(db, { ...parsed.data, actor: staff });
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath(`${BASE}/categories`);
  return { status: "success", message: editing ? "分別区分を保存しました。" : `分別区分「${parsed.data.name}」を追加しました。` };
}

export async function deleteGarbageCategoryAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = refs.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deleteCategory(db, { dictionaryId: parsed.data.dictionaryId, categoryId: parsed.data.id, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath(`${BASE}/categories`);
  redirect(`${BASE}/categories?deleted=1`);
}

// ── areas

export async function createGarbageAreaAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const values = formValues(asFormData(input));
  const parsed = areaSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  let areaId: number;
  try {
    areaId = (await createArea(db, { ...parsed.data, actor: staff })).id;
  } catch (error) {
    return failed(error, values);
  }
  redirect(`${BASE}/areas/edit?id=${areaId}&created=1`);
}

const areaFormSchema = z.object({
  dictionaryId: z.coerce.number().int().positive(),
  areaId: z.coerce.number().int().positive(),
  name: z.string(),
  centerId: z.preprocess((v) => (v === "" ? null : v), z.coerce.number().int().positive().nullable()).default(null),
  districtIds: z.array(z.coerce.number().int().positive()).default([]),
});

export async function saveGarbageAreaAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const form = asFormData(input);
  const values = formValues(form, ["districtIds"]);
  const parsed = areaFormSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const rules: Record<number, string> = {};
  for (const [key, value] of Object.entries(values)) {
    const m = /^rule_(\d+)$/.exec(key);
    if (m && typeof value === "string") rules[Number(m[1])] = value;
  }
  try {
    const result = await updateArea(db, { ...parsed.data, rules, actor: staff });
    if (!result.ok) return { status: "error", message: "入力内容を確認してください。", errors: result.errors, values };
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath(`${BASE}/areas`);
  return { status: "success", message: "地区と収集日を保存しました。" };
}

export async function deleteGarbageAreaAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = refs.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deleteArea(db, { dictionaryId: parsed.data.dictionaryId, areaId: parsed.data.id, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath(`${BASE}/areas`);
  redirect(`${BASE}/areas?deleted=1`);
}

// ── suspensions

export async function createGarbageSuspensionAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const values = formValues(asFormData(input));
  const parsed = suspensionSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await createSuspension(db, { ...parsed.data, actor: staff });
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath(`${BASE}/suspensions`);
  return { status: "success", message: "休止期間を追加しました。" };
}

export async function deleteGarbageSuspensionAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = refs.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deleteSuspension(db, { dictionaryId: parsed.data.dictionaryId, suspensionId: parsed.data.id, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath(`${BASE}/suspensions`);
  redirect(`${BASE}/suspensions?deleted=1`);
}

// ── synonyms and unanswered queries

export async function createGarbageSynonymAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const values = formValues(asFormData(input));
  const parsed = synonymSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await createSynonym(db, { ...parsed.data, actor: staff });
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath(`${BASE}/synonyms`);
  return { status: "success", message: `言い換え「${parsed.data.term} → ${parsed.data.target}」を追加しました。` };
}

export async function deleteGarbageSynonymAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = refs.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deleteSynonym(db, { dictionaryId: parsed.data.dictionaryId, synonymId: parsed.data.id, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath(`${BASE}/synonyms`);
  redirect(`${BASE}/synonyms?deleted=1`);
}

const resolveSchema = z.object({ queryId: z.coerce.number().int().positive(), term: z.string().trim().min(1, "住民の言い方を入力してください。").max(50), target: z.string().trim().min(1, "辞書の品目名を入力してください。").max(100) });

export async function resolveUnansweredAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const values = formValues(asFormData(input));
  const parsed = resolveSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await resolveWithSynonym(db, { ...parsed.data, actor: staff });
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath(`${BASE}/unanswered`);
  // The question leaves the list (and its form with it): say so on the page.
  redirect(`${BASE}/unanswered?${new URLSearchParams({ synonym: `${parsed.data.term} → ${parsed.data.target}` })}`);
}

export async function dismissUnansweredAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = z.object({ queryId: z.coerce.number().int().positive() }).safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await dismissUnanswered(db, { queryId: parsed.data.queryId, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath(`${BASE}/unanswered`);
  redirect(`${BASE}/unanswered?dismissed=1`);
}

// ── dictionaries: import and activation

type ImportState = ImportFormState;

const importSchema = z.object({
  slug: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "識別名は半角英小文字・数字・ハイフン（40 文字まで）で入力してください。"),
  name: z.string().trim().min(1, "辞書の名前（市町村名など）を入力してください。").max(50),
  activate: z.enum(["on"]).optional(),
});

/** 5374 files (target.csv, area_days.csv, description.csv, center.csv, remarks.csv). */
export async function importGarbageAction(_: ImportState, input: FormData): Promise<ImportState> {
  const staff = await requireStaff("content.edit");
  const form = asFormData(input);
  const values = formValues(form);
  delete values.files;
  const parsed = importSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const uploads = form.getAll("files").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && (f as File).size > 0);
  if (uploads.length === 0) return { status: "error", message: "入力内容を確認してください。", errors: { files: ["5374 形式の CSV ファイルを選んでください。"] }, values };
  const files = await Promise.all(uploads.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  try {
    const { parse, result } = await importDictionaryFiles(db, {
      files,
      slug: parsed.data.slug,
      name: parsed.data.name,
      source: uploads.map((f) => f.name).join(", ").slice(0, 300),
      activate: parsed.data.activate === "on",
      actor: staff,
    });
    invalidateSearchIndex(result.dictionaryId);
    await queueReadings(result.dictionaryId);
    revalidatePath(BASE);
    const errors = parse.issues.filter((i) => i.severity === "error");
    return {
      status: "success",
      message: `辞書「${parsed.data.name}」を${result.created ? "作成" : "更新"}しました（品目 ${result.counts.items} 件、地区 ${result.counts.areas} 件）。${errors.length ? `読めなかった行が ${errors.length} 行あります（下の一覧）。` : ""}読みの生成はこのあと自動で行われます。`,
      report: {
        files: parse.files.map((f) => ({ name: f.name, encoding: f.encoding, rows: f.rows, skipped: f.skipped, ignored: f.ignored })),
        errors: errors.slice(0, 200),
        warnings: parse.issues.filter((i) => i.severity === "warning").slice(0, 200),
        counts: result.counts,
      },
    };
  } catch (error) {
    return failed(error, values);
  }
}

export async function activateGarbageDictionaryAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = z.object({ dictionaryId: z.coerce.number().int().positive() }).safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const dictionary = await db.garbageDictionary.findUnique({ where: { id: parsed.data.dictionaryId } });
    if (!dictionary) return { status: "error", message: "辞書が見つかりませんでした。画面を再読み込みしてください。" };
    await activateDictionary(db, dictionary.id, staff);
    revalidatePath(BASE);
    return { status: "success", message: `住民が使う辞書を「${dictionary.name}」にしました。` };
  } catch (error) {
    return failed(error);
  }
}
