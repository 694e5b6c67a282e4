"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/garbage/form-status";
import { IDLE } from "@/lib/forms/action-state";
import { activateGarbageDictionaryAction } from "./actions";

/** Makes a dictionary the one residents use. */
export function ActivateButton({ dictionaryId, name }: { dictionaryId: number; name: string }) {
  const [state, action, pending] = useActionState(activateGarbageDictionaryAction, IDLE);
  return (
    <form action={action}>
      <FormStatus state={state} />
      <input type="hidden" name="dictionaryId" value={dictionaryId} />
      <Button type="submit" variant="secondary" size="sm" disabled={pending} aria-label={`「${name}」を住民が使う辞書にする`}>
        住民が使う辞書にする
      </Button>
    </form>
  );
}
