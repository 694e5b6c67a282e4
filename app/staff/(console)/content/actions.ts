"use server";
// Server actions of コンテンツ: auto-replies and Flex templates (content.edit), rich menus
// (content.edit) and the disaster-mode switch (broadcasts.send-emergency). Each copes with being
// called without a form (the permission-matrix test posts []): nothing changes.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/boss";
import { requireStaff } from "@/lib/auth/staff-access";
import { failed, formValues, invalid } from "@/lib/forms/action-result";
import type { ActionState } from "@/lib/forms/action-state";
import { FlexTemplateError, deleteAutoReplyRule, deleteFlexTemplate, saveAutoReplyRule, saveFlexTemplate, saveFlexTemplateSchema, saveRuleSchema } from "@/lib/auto-replies/manage";
import {
  RichMenuInputError,
  bumpRelinkVersion,
  deleteRichMenuDraft,
  publishRichMenu,
  retireRichMenu,
  saveRichMenu,
  saveRichMenuSchema,
  setDefaultRichMenu,
  switchDisasterMode,
} from "@/lib/rich-menus/manage";
import { relinkAllJob } from "@/lib/rich-menus/relink";

function asFormData(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

const idSchema = z.object({ id: z.uuid() });

// ── auto-replies

export async function saveAutoReplyRuleAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const values = formValues(asFormData(input), ["weekdays"]);
  const parsed = saveRuleSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  let id: string;
  try {
    ({ id } = await saveAutoReplyRule(db, { input: parsed.data, actor: staff }));
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath("/staff/content/auto-replies");
  redirect(`/staff/content/auto-replies?saved=${id}`);
}

export async function deleteAutoReplyRuleAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = idSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deleteAutoReplyRule(db, { id: parsed.data.id, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/content/auto-replies");
  redirect("/staff/content/auto-replies?deleted=1");
}

// ── Flex templates

export async function saveFlexTemplateAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const values = formValues(asFormData(input));
  const parsed = saveFlexTemplateSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  let id: string;
  try {
    ({ id } = await saveFlexTemplate(db, { input: parsed.data, actor: staff }));
  } catch (error) {
    if (error instanceof FlexTemplateError) return { status: "error", message: "入力内容を確認してください。", errors: { [error.field]: [error.message] }, values };
    return failed(error, values);
  }
  revalidatePath("/staff/content/flex-templates");
  redirect(`/staff/content/flex-templates/edit?id=${id}&saved=1`);
}

export async function deleteFlexTemplateAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = idSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deleteFlexTemplate(db, { id: parsed.data.id, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/content/flex-templates");
  redirect("/staff/content/flex-templates?deleted=1");
}

// ── rich menus

const AREA_FIELDS = ["label", "kind", "value", "x", "y", "width", "height"] as const;

/** areas[0].label … → [{ label, … }] (the form posts one field set per area). */
function richMenuValues(formData: FormData) {
  const values = formValues(formData);
  const areas: Record<string, string>[] = [];
  for (const [key, value] of Object.entries(values)) {
    const match = /^areas\.(\d+)\.(\w+)$/.exec(key);
    if (!match || !AREA_FIELDS.includes(match[2] as (typeof AREA_FIELDS)[number])) continue;
    const index = Number(match[1]);
    if (index >= 20) continue;
    (areas[index] ??= {})[match[2]!] = String(value);
  }
  return { values, parsed: saveRichMenuSchema.safeParse({ ...values, id: values.id || undefined, areas: areas.filter(Boolean) }) };
}

export async function saveRichMenuAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const formData = asFormData(input);
  const { values, parsed } = richMenuValues(formData);
  if (!parsed.success) {
    const state = invalid(parsed.error, values);
    // Errors of one area field ("areas.2.label") are reported on that field.
    for (const issue of parsed.error.issues) {
      if (issue.path[0] === "areas" && issue.path.length >= 3) (state.errors![`areas.${String(issue.path[1])}.${String(issue.path[2])}`] ??= []).push(issue.message);
    }
    return state;
  }
  const file = formData.get("image");
  const image = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  let id: string;
  try {
    ({ id } = await saveRichMenu(db, { input: parsed.data, image, actor: staff }));
  } catch (error) {
    if (error instanceof RichMenuInputError) return { status: "error", message: "入力内容を確認してください。", errors: { [error.field]: [error.message] }, values };
    return failed(error, values);
  }
  revalidatePath("/staff/content/rich-menus");
  redirect(`/staff/content/rich-menus/edit?id=${id}&saved=1`);
}

async function relinkEveryone(): Promise<void> {
  const version = await bumpRelinkVersion(db);
  await enqueue(relinkAllJob, { version });
}

export async function publishRichMenuAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = idSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await publishRichMenu(db, { id: parsed.data.id, actor: staff });
    await relinkEveryone();
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/content/rich-menus");
  redirect(`/staff/content/rich-menus/edit?id=${parsed.data.id}&done=published`);
}

export async function setDefaultRichMenuAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = idSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await setDefaultRichMenu(db, { id: parsed.data.id, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/content/rich-menus");
  redirect(`/staff/content/rich-menus/edit?id=${parsed.data.id}&done=default`);
}

export async function retireRichMenuAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = idSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await retireRichMenu(db, { id: parsed.data.id, actor: staff });
    await relinkEveryone();
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/content/rich-menus");
  redirect(`/staff/content/rich-menus/edit?id=${parsed.data.id}&done=retired`);
}

export async function deleteRichMenuAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("content.edit");
  const parsed = idSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deleteRichMenuDraft(db, { id: parsed.data.id, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/content/rich-menus");
  redirect("/staff/content/rich-menus?deleted=1");
}

const disasterSchema = z.object({ mode: z.enum(["on", "off"]) });

/** The disaster switch: one action for everyone, and one to restore (broadcasts.send-emergency). */
export async function switchDisasterModeAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("broadcasts.send-emergency");
  const parsed = disasterSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { version } = await switchDisasterMode(db, { on: parsed.data.mode === "on", actor: staff });
    await enqueue(relinkAllJob, { version });
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/content/rich-menus");
  return {
    status: "success",
    message: parsed.data.mode === "on" ? "災害モードを開始しました。すべての友だちのメニューを災害用に切り替えています。" : "災害モードを終了しました。それぞれの住民のメニューに戻しています。",
  };
}
