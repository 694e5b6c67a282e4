"use server";
// Server actions of 設定: own password, and staff management (staff.manage).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import {
  changeOwnPassword,
  changeOwnPasswordSchema,
  createStaff,
  createStaffSchema,
  resetStaffPassword,
  setStaffActive,
  updateStaff,
  updateStaffSchema,
} from "@/lib/staff/manage-staff";
import { failed, formValues, invalid } from "@/lib/forms/action-result";
import type { ActionState } from "@/lib/forms/action-state";

function asFormData(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

export async function changeOwnPasswordAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("account.self", { allowWhilePasswordChangeRequired: true });
  const formData = asFormData(input);
  const parsed = changeOwnPasswordSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalid(parsed.error);
  let result;
  try {
    result = await changeOwnPassword(db, { ...parsed.data, staffId: staff.id, sessionId: staff.sessionId, actor: staff });
  } catch (error) {
    return failed(error);
  }
  if (!result.ok) return { status: "error", message: "入力内容を確認してください。", errors: { [result.field]: [result.message] } };
  redirect("/staff/settings?changed=password");
}

const ARRAYS = ["roles", "departmentIds"];

export async function createStaffAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("staff.manage");
  const values = formValues(asFormData(input), ARRAYS);
  const parsed = createStaffSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const result = await createStaff(db, { ...parsed.data, actor: staff });
    revalidatePath("/staff/settings/staff");
    return {
      status: "success",
      message: `${result.staff.name}さん（${result.staff.email}）のアカウントを作成しました。`,
      secret: result.temporaryPassword ?? undefined,
    };
  } catch (error) {
    return failed(error, values);
  }
}

export async function updateStaffAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("staff.manage");
  const values = formValues(asFormData(input), ARRAYS);
  const parsed = updateStaffSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await updateStaff(db, { ...parsed.data, actor: staff });
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath(`/staff/settings/staff/${parsed.data.staffId}`);
  return { status: "success", message: "変更を保存しました。" };
}

const setActiveSchema = z.object({ staffId: z.uuid(), active: z.enum(["true", "false"]) });

export async function setStaffActiveAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("staff.manage");
  const parsed = setActiveSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  const active = parsed.data.active === "true";
  try {
    await setStaffActive(db, { staffId: parsed.data.staffId, active, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath(`/staff/settings/staff/${parsed.data.staffId}`);
  return {
    status: "success",
    message: active ? "アカウントを有効にしました。" : "アカウントを無効にしました。この職員はすでにログアウトされ、次の操作からは利用できません。",
  };
}

const staffIdSchema = z.object({ staffId: z.uuid() });

export async function resetStaffPasswordAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("staff.manage");
  const parsed = staffIdSchema.safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { temporaryPassword } = await resetStaffPassword(db, { staffId: parsed.data.staffId, actor: staff });
    return {
      status: "success",
      message: "仮パスワードを発行しました。この職員はログアウトされ、次回ログイン時に新しいパスワードの設定が必要です。",
      secret: temporaryPassword,
    };
  } catch (error) {
    return failed(error);
  }
}
