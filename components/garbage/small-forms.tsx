"use client";
// Small forms of the ごみ分別 screens: a suspension period, a synonym, and turning an unanswered
// query into a synonym.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Select, TextField } from "@/components/ui/field";
import { FormStatus, valueOf } from "@/components/garbage/form-status";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function SuspensionForm({ dictionaryId, centers, action }: { dictionaryId: number; centers: { value: string; label: string }[]; action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} noValidate className="max-w-3xl" key={JSON.stringify(state.values ?? {})}>
      <FormStatus state={state} />
      <input type="hidden" name="dictionaryId" value={dictionaryId} />
      <div className="flex flex-wrap gap-4">
        <TextField label="休止の開始日" name="startsOn" type="date" required defaultValue={valueOf(state, "startsOn")} error={state.errors?.startsOn} />
        <TextField label="休止の終了日" name="endsOn" type="date" required defaultValue={valueOf(state, "endsOn")} error={state.errors?.endsOn} />
      </div>
      <Select label="対象" name="centerId" options={centers} placeholder="すべての地区" defaultValue={valueOf(state, "centerId")} hint="センターを選ぶと、そのセンターの地区だけが休止になります。" />
      <TextField label="メモ" name="note" defaultValue={valueOf(state, "note")} error={state.errors?.note} hint="例：年末年始" />
      <Button type="submit" disabled={pending}>
        休止期間を追加する
      </Button>
    </form>
  );
}

export function SynonymForm({ dictionaryId, action }: { dictionaryId: number; action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} noValidate className="flex max-w-3xl flex-wrap items-end gap-4" key={JSON.stringify(state.values ?? {})}>
      <div className="w-full">
        <FormStatus state={state} />
      </div>
      <input type="hidden" name="dictionaryId" value={dictionaryId} />
      <TextField label="住民の言い方" name="term" required defaultValue={valueOf(state, "term")} error={state.errors?.term} hint="例：スマホ" className="min-w-48 flex-1" />
      <TextField label="辞書の言い方" name="target" required defaultValue={valueOf(state, "target")} error={state.errors?.target} hint="例：携帯電話" className="min-w-48 flex-1" />
      <div className="mb-6">
        <Button type="submit" disabled={pending}>
          言い換えを追加する
        </Button>
      </div>
    </form>
  );
}

export function ResolveUnansweredForm({ queryId, example, resolve, dismiss }: { queryId: number; example: string; resolve: Action; dismiss: Action }) {
  const [state, formAction, pending] = useActionState(resolve, IDLE);
  const [dismissState, dismissAction, dismissing] = useActionState(dismiss, IDLE);
  if (state.status === "success" || dismissState.status === "success") return <FormStatus state={state.status === "success" ? state : dismissState} />;
  return (
    <div>
      <FormStatus state={state} />
      <FormStatus state={dismissState} />
      <form action={formAction} noValidate className="flex flex-wrap items-end gap-3" key={JSON.stringify(state.values ?? {})}>
        <input type="hidden" name="queryId" value={queryId} />
        <TextField id={`term-${queryId}`} label="住民の言い方" name="term" required defaultValue={valueOf(state, "term", example)} error={state.errors?.term} className="min-w-40 flex-1" />
        <TextField id={`target-${queryId}`} label="辞書の品目名" name="target" required defaultValue={valueOf(state, "target")} error={state.errors?.target} className="min-w-40 flex-1" />
        <div className="mb-6 flex gap-2">
          <Button type="submit" size="sm" disabled={pending}>
            言い換えにする
          </Button>
        </div>
      </form>
      <form action={dismissAction}>
        <input type="hidden" name="queryId" value={queryId} />
        <Button type="submit" size="sm" variant="tertiary" disabled={dismissing}>
          言い換えを作らずに対応済みにする
        </Button>
      </form>
    </div>
  );
}
