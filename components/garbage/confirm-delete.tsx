"use client";
// A delete button that asks first (staff screens of ごみ分別 and 保育施設).
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/dialog";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

export function ConfirmDelete({
  fields,
  name,
  what,
  action,
  formId,
}: {
  /** Hidden fields that identify what to delete. */
  fields: Record<string, string | number>;
  name: string;
  what: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  formId: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <div>
      {state.message ? (
        <Alert tone={state.status === "error" ? "error" : "success"} live>
          {state.message}
        </Alert>
      ) : null}
      <form id={formId} action={formAction}>
        {Object.entries(fields).map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
      </form>
      <ConfirmButton formId={formId} label={`${what}を削除する`} title={`「${name}」を削除しますか？`} message={`削除した${what}は元に戻せません。`} confirmLabel="削除する" />
    </div>
  );
}
