// The banner a staff form shows after its action (announced when it appears).
import { Alert } from "@/components/ui/alert";
import type { ActionState } from "@/lib/forms/action-state";

export function FormStatus({ state }: { state: ActionState }) {
  if (!state.message || state.status === "idle") return null;
  return (
    <Alert tone={state.status === "error" ? "error" : "success"} live>
      {state.message}
    </Alert>
  );
}

/** A text value to put back in a field after an error (or its initial value). */
export function valueOf(state: ActionState, key: string, fallback = ""): string {
  const v = state.values?.[key];
  return typeof v === "string" ? v : fallback;
}
