"use server";
// Server actions of セグメント: save (create or change) and delete (archive).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { failed, formValues, invalid } from "@/lib/forms/action-result";
import type { ActionState } from "@/lib/forms/action-state";
import { archiveSegment, saveSegment, segmentInputSchema } from "@/lib/segments/manage-segments";

function asFormData(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

export async function saveSegmentAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("segments.edit");
  const values = formValues(asFormData(input));
  let payload: unknown = null;
  try {
    payload = JSON.parse(typeof values.payload === "string" && values.payload ? values.payload : "null");
  } catch {
    payload = null;
  }
  const parsed = segmentInputSchema.safeParse(payload);
  if (!parsed.success) return invalid(parsed.error, values);
  const segmentId = typeof values.segmentId === "string" && z.uuid().safeParse(values.segmentId).success ? values.segmentId : undefined;
  let saved: { id: string };
  try {
    saved = await saveSegment(db, { segmentId, input: parsed.data, actor: staff });
  } catch (error) {
    return failed(error, values);
  }
  revalidatePath("/staff/segments");
  redirect(`/staff/segments/${saved.id}?saved=1`);
}

export async function archiveSegmentAction(_: ActionState, input: FormData): Promise<ActionState> {
  const staff = await requireStaff("segments.edit");
  const parsed = z.object({ segmentId: z.uuid() }).safeParse(formValues(asFormData(input)));
  if (!parsed.success) return invalid(parsed.error);
  try {
    await archiveSegment(db, { segmentId: parsed.data.segmentId, actor: staff });
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/staff/segments");
  redirect("/staff/segments?archived=1");
}
