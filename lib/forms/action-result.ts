// Helpers for server actions that return an ActionState.
import { z } from "@/lib/zod";
import { unstable_rethrow } from "next/navigation";
import { isAppError, userMessageOf } from "@/lib/errors";
import type { ActionState } from "@/lib/forms/action-state";

export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function invalid(error: z.ZodError, values?: ActionState["values"]): ActionState {
  return { status: "error", message: "入力内容を確認してください。", errors: fieldErrors(error), values };
}

/** Turns an expected failure into a banner message; rethrows Next's redirect/forbidden signals. */
export function failed(error: unknown, values?: ActionState["values"]): ActionState {
  unstable_rethrow(error);
  if (!isAppError(error)) console.error("[kairan] action failed", error);
  return { status: "error", message: userMessageOf(error), values };
}

/** FormData → plain object, keeping repeated fields (checkbox groups) as arrays. */
export function formValues(formData: FormData, arrays: string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = arrays.includes(key) ? all : (all[0] ?? "");
  }
  for (const key of arrays) out[key] ??= [];
  return out;
}
