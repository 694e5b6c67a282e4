"use server";
// Server actions of 保育施設 (content.edit). Each copes with being called without a form (the
// permission-matrix test posts []): it then changes nothing and answers with a validation message.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { failed, formValues, invalid } from "@/lib/forms/action-result";
import type { ActionState } from "@/lib/forms/action-state";
import { createFacility, deleteFacility, facilitySchema, updateFacility, updateFacilitySchema, updateVacancies, vacancyInputFromForm, vacancyUpdateSchema } from "@/lib/nursery/manage";
import { importNurseries, NURSERY_SOURCE_PATTERN } from "@/lib/nursery/import";
import { parseNurseryFile } from "@/lib/nursery/parse";

function asFormData(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

const BASE = "/staff/content/nurseries";
const SERVICES = ["extendedCare", "temporaryCare", "holidayCare", "nightCare"];

export async function saveNurseryFacilityAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const values = formValues(asFormData(input));
  for (const key of SERVICES) values[key] ??= "";
  const update = values.facilityId ? updateFacilitySchema.safeParse(values) : null;
  const parsed = update ?? facilitySchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  let id: number;
  try {
    id = update?.success ? (await updateFacility(db, { ...update.data, actor: staff })).id : (await createFacility(db, { ...parsed.data, actor: staff })).id;
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath(BASE);
  redirect(`${BASE}/edit?id=${id}&saved=1`);
}

export async function deleteNurseryFacilityAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = z.object({ id: z.coerce.number().int().positive() }).safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deleteFacility(db, { facilityId: parsed.data.id, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath(BASE);
  redirect(`${BASE}?deleted=1`);
}

export async function updateNurseryVacanciesAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const values = formValues(asFormData(input));
  const parsed = vacancyUpdateSchema.safeParse(vacancyInputFromForm(values));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const result = await updateVacancies(db, { ...parsed.data, actor: staff });
    revalidatePath(`${BASE}/vacancies`);
    return { status: "success", message: `${parsed.data.asOf.replace("-", "年")}月時点の空き状況を保存しました（${parsed.data.facilities.length} 施設、${result.changed} クラス）。`, values };
  } catch (error) {
    return failed(error, values);
  }
}

export type NurseryImportState = ActionState & { report?: { format: string; encoding: string; rows: number; read: number; created: number; updated: number; removed: number; errors: { line?: number; message: string; row?: string }[]; warnings: { line?: number; message: string }[] } };

export async function importNurseriesAction(_: NurseryImportState, input: FormData): Promise<NurseryImportState> {
  const staff = await requireStaff("content.edit");
  const form = asFormData(input);
  const values = formValues(form);
  delete values.file;
  const parsedSource = z
    .object({ source: z.string().trim().regex(NURSERY_SOURCE_PATTERN, "識別名は半角英小文字・数字・ハイフン（40 文字まで）で入力してください。") })
    .safeParse(values);
  if (!parsedSource.success) return invalid(parsedSource.error, values);
  const file = form.get("file");
  if (!(typeof file === "object" && file !== null && "arrayBuffer" in file) || (file as File).size === 0) {
    return { status: "error", message: "入力内容を確認してください。", errors: { file: ["GeoJSON か CSV のファイルを選んでください。"] }, values };
  }
  const upload = file as File;
  const parse = parseNurseryFile(upload.name, new Uint8Array(await upload.arrayBuffer()));
  const errors = parse.issues.filter((i) => i.severity === "error");
  try {
    const result = await importNurseries(db, { source: parsedSource.data.source, facilities: parse.facilities, actor: staff, file: upload.name, skippedRows: errors.length });
    revalidatePath(BASE);
    return {
      status: "success",
      message: `「${upload.name}」を取り込みました（追加 ${result.created} 件、更新 ${result.updated} 件、削除 ${result.removed} 件）。${errors.length ? `読めなかった行が ${errors.length} 件あります（下の一覧）。` : ""}`,
      report: {
        format: parse.format,
        encoding: parse.encoding,
        rows: parse.rows,
        read: parse.facilities.length,
        ...result,
        errors: errors.slice(0, 200),
        warnings: parse.issues.filter((i) => i.severity === "warning").slice(0, 200),
      },
    };
  } catch (error) {
    return { ...failed(error, values), report: { format: parse.format, encoding: parse.encoding, rows: parse.rows, read: parse.facilities.length, created: 0, updated: 0, removed: 0, errors: errors.slice(0, 200), warnings: [] } };
  }
}
