"use client";
// Deleting (archiving) a segment, after a confirmation.
import { useActionState, useId } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/dialog";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

export function ArchiveSegmentButton({ segmentId, name, action }: { segmentId: string; name: string; action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, IDLE);
  const formId = useId();
  return (
    <>
      {state.status === "error" ? <Alert tone="error" live>{state.message}</Alert> : null}
      <form id={formId} action={formAction}>
        <input type="hidden" name="segmentId" value={segmentId} />
      </form>
      <ConfirmButton
        label="セグメントを削除"
        title="セグメントを削除しますか"
        message={`「${name}」を削除します。このセグメントで承認済みの配信は、承認時の条件のまま送られます。`}
        confirmLabel="削除する"
        formId={formId}
      />
    </>
  );
}
