"use server";
// Server actions of 配信: parse → check permission → lib/broadcasts → revalidate. Each copes with a
// request that has no form (changing nothing), as the permission-matrix test posts [] to every action.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { failed, formValues, invalid } from "@/lib/forms/action-result";
import type { ActionState } from "@/lib/forms/action-state";
import { formatDateTime } from "@/lib/format";
import {
  approveBroadcast,
  approveEmergencyBroadcast,
  broadcastDraftSchema,
  cancelBroadcast,
  duplicateBroadcast,
  returnBroadcast,
  saveBroadcastDraft,
  submitBroadcast,
} from "@/lib/broadcasts/manage-broadcasts";
import { validateWithLine } from "@/lib/broadcasts/validate-with-line";
import { issueTesterLinkCode, testSendBroadcast, unlinkTesterAccount } from "@/lib/broadcasts/testers";
import { scheduleStart, startBroadcastNow } from "@/lib/delivery/jobs";

function asFormData(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

const idSchema = z.object({ broadcastId: z.uuid("配信を指定してください") });

/**
 * What happens after approval: a send that is due now starts at once; a later one is queued.
 * Returns what the page should say: started | held (quiet hours) | scheduled.
 */
async function startOrSchedule(broadcastId: string, nextRunAt: Date, actor: Parameters<typeof startBroadcastNow>[1]): Promise<"started" | "held" | "scheduled"> {
  if (nextRunAt.getTime() <= Date.now() + 1_000) {
    const result = await startBroadcastNow(broadcastId, actor);
    if (result.started) return "started";
    if (result.reason === "quiet-hours") return "held";
    return "scheduled";
  }
  await scheduleStart(broadcastId, nextRunAt);
  return "scheduled";
}

export async function saveBroadcastDraftAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("broadcasts.draft");
  const values = formValues(asFormData(input));
  let payload: unknown;
  try {
    payload = JSON.parse(typeof values.payload === "string" && values.payload ? values.payload : "null");
  } catch {
    payload = null;
  }
  const parsed = broadcastDraftSchema.safeParse(payload);
  if (!parsed.success) return invalid(parsed.error, values);
  const broadcastId = typeof values.broadcastId === "string" && z.uuid().safeParse(values.broadcastId).success ? values.broadcastId : undefined;
  let saved: { id: string };
  try {
    saved = await saveBroadcastDraft(db, { broadcastId, input: parsed.data, actor: staff });
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath("/staff/broadcasts");
  redirect(`/staff/broadcasts/${saved.id}?saved=1`);
}

export async function submitBroadcastAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("broadcasts.draft");
  const parsed = idSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await submitBroadcast(db, { broadcastId: parsed.data.broadcastId, actor: staff, validate: validateWithLine });
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/broadcasts");
  redirect(`/staff/broadcasts/${parsed.data.broadcastId}?done=submitted`);
}

export async function approveBroadcastAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("broadcasts.approve");
  const parsed = idSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  let next: string;
  try {
    const approved = await approveBroadcast(db, { broadcastId: parsed.data.broadcastId, actor: staff });
    next = await startOrSchedule(parsed.data.broadcastId, approved.nextRunAt, staff);
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/broadcasts");
  redirect(`/staff/broadcasts/${parsed.data.broadcastId}?done=approved&next=${next}`);
}

const returnSchema = idSchema.extend({ comment: z.string() });

export async function returnBroadcastAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("broadcasts.approve");
  const values = formValues(asFormData(input));
  const parsed = returnSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await returnBroadcast(db, { broadcastId: parsed.data.broadcastId, comment: parsed.data.comment, actor: staff });
  } catch (error) {
    if (error instanceof z.ZodError) return { status: "error", message: "入力内容を確認してください。", errors: { comment: error.issues.map((i) => i.message) }, values };
    return failed(error, values);
  }
  revalidatePath("/staff/broadcasts");
  redirect(`/staff/broadcasts/${parsed.data.broadcastId}?done=returned`);
}

export async function sendEmergencyBroadcastAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("broadcasts.send-emergency");
  const parsed = idSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  let next: string;
  try {
    const approved = await approveEmergencyBroadcast(db, { broadcastId: parsed.data.broadcastId, actor: staff, validate: validateWithLine });
    next = await startOrSchedule(parsed.data.broadcastId, approved.nextRunAt, staff);
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/broadcasts");
  redirect(`/staff/broadcasts/${parsed.data.broadcastId}?done=emergency&next=${next}`);
}

export async function cancelBroadcastAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("broadcasts.cancel");
  const parsed = idSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  let stopped: number;
  try {
    stopped = (await cancelBroadcast(db, { broadcastId: parsed.data.broadcastId, actor: staff })).stoppedBatches;
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/broadcasts");
  redirect(`/staff/broadcasts/${parsed.data.broadcastId}?done=${stopped > 0 ? "stopped" : "canceled"}`);
}

export async function duplicateBroadcastAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("broadcasts.draft");
  const parsed = idSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  let copy: { id: string };
  try {
    copy = await duplicateBroadcast(db, { broadcastId: parsed.data.broadcastId, actor: staff });
  } catch (error) {
    return failed(error);
  }
  redirect(`/staff/broadcasts/${copy.id}/edit`);
}

const testSendSchema = idSchema.extend({ language: z.string().max(10) });

export async function testSendBroadcastAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("broadcasts.draft");
  const parsed = testSendSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const result = await testSendBroadcast(db, { broadcastId: parsed.data.broadcastId, language: parsed.data.language, actor: staff });
    return { status: "success", message: `テスト送信しました（${result.testers}人のテスト送信先）。LINE で表示を確認してください。` };
  } catch (error) {
    return failed(error);
  }
}

export async function issueTesterCodeAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("broadcasts.draft");
  if (formValues(asFormData(input)).confirm !== "yes") return { status: "idle" };
  try {
    const issued = await issueTesterLinkCode(db, { actor: staff });
    return { status: "success", message: `登録コードを発行しました（${formatDateTime(issued.expiresAt)} まで有効）。`, secret: JSON.stringify({ code: issued.code, url: issued.liffUrl }) };
  } catch (error) {
    return failed(error);
  }
}

export async function unlinkTesterAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("broadcasts.draft");
  if (formValues(asFormData(input)).confirm !== "yes") return { status: "idle" };
  try {
    await unlinkTesterAccount(db, { actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/broadcasts/testers");
  return { status: "success", message: "テスト送信先の登録を解除しました。" };
}
