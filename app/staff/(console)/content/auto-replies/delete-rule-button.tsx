"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/dialog";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

/** A delete button that asks first; used for rules and templates. */
export function DeleteButton({ id, name, what, action }: { id: string; name: string; what: string; action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, IDLE);
  const formId = `delete-${id}`;
  return (
    <div>
      {state.message ? (
        <Alert tone={state.status === "error" ? "error" : "success"} live>
          {state.message}
        </Alert>
      ) : null}
      <form id={formId} action={formAction}>
        <input type="hidden" name="id" value={id} />
      </form>
      <ConfirmButton formId={formId} label={`この${what}を削除する`} title={`「${name}」を削除しますか？`} message={`削除した${what}は元に戻せません。`} confirmLabel="削除する" />
    </div>
  );
}
