"use server";
// Server actions of the 相談窓口 (inbox.reply). Each copes with being called without a form (the
// permission-matrix test posts []): it changes nothing and answers with a validation error.
import { revalidatePath } from "next/cache";
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { failed, formValues, invalid } from "@/lib/forms/action-result";
import type { ActionState } from "@/lib/forms/action-state";
import {
  addInboxNote,
  assignConversation,
  assignSchema,
  deleteReplyTemplate,
  noteSchema,
  replyTemplateSchema,
  saveReplyTemplate,
  sendReplySchema,
  sendStaffReply,
  setConversationStatus,
  statusSchema,
  viewResidentAttributes,
  type ResidentAttributes,
} from "@/lib/inbox/manage";

function asFormData(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

export async function sendInboxReplyAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("inbox.reply");
  const values = formValues(asFormData(input));
  const parsed = sendReplySchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const result = await sendStaffReply(db, { input: parsed.data, actor: staff });
    revalidatePath("/staff/inbox");
    if (result.delivery === "failed") return { status: "error", message: "LINE が返信を受け付けませんでした。内容を確認して、もう一度お試しください。" };
    return {
      status: "success",
      message: result.delivery === "sent" ? "返信を送信しました。" : "返信を受け付けました。LINE に接続できなかったため、自動で再送します。",
    };
  } catch (error) {
    return failed(error, values);
  }
}

export async function assignConversationAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("inbox.reply");
  const parsed = assignSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await assignConversation(db, { input: parsed.data, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/inbox");
  return { status: "success", message: parsed.data.assigneeId ? "担当者を割り当てました。" : "担当者の割り当てを外しました。" };
}

export async function setConversationStatusAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("inbox.reply");
  const parsed = statusSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await setConversationStatus(db, { input: parsed.data, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/inbox");
  return { status: "success", message: parsed.data.status === "RESOLVED" ? "対応済みにしました。" : "対応中に戻しました。" };
}

export async function addInboxNoteAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("inbox.reply");
  const values = formValues(asFormData(input));
  const parsed = noteSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await addInboxNote(db, { input: parsed.data, actor: staff });
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath("/staff/inbox");
  return { status: "success", message: "メモを追加しました。" };
}

export type ResidentAttributesState = ActionState & { attributes?: ResidentAttributes };

const conversationIdSchema = z.object({ conversationId: z.uuid() });

/** Shows the resident's registered attributes on request; the view is audited. */
export async function viewResidentAttributesAction(_: ResidentAttributesState, input: FormData): Promise<ResidentAttributesState> {
  const staff = await requireStaff("residents.view-personal");
  const parsed = conversationIdSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    return { status: "success", attributes: await viewResidentAttributes(db, { conversationId: parsed.data.conversationId, actor: staff }) };
  } catch (error) {
    return failed(error);
  }
}

export async function saveReplyTemplateAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("inbox.reply");
  const values = formValues(asFormData(input));
  const parsed = replyTemplateSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await saveReplyTemplate(db, { input: parsed.data, actor: staff });
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath("/staff/inbox/templates");
  return { status: "success", message: `定型文「${parsed.data.title}」を保存しました。` };
}

const templateIdSchema = z.object({ id: z.uuid() });

export async function deleteReplyTemplateAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("inbox.reply");
  const parsed = templateIdSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await deleteReplyTemplate(db, { id: parsed.data.id, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/inbox/templates");
  return { status: "success", message: "定型文を削除しました。" };
}
