"use client";
// Add or change a sorting category: name, colour, description, and the category whose collection
// days it follows (ビン → 空きカン・…).
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Select, TextArea, TextField } from "@/components/ui/field";
import { FormStatus, valueOf } from "@/components/garbage/form-status";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

export function CategoryForm({
  dictionaryId,
  initial,
  scheduleOptions,
  action,
  idPrefix,
}: {
  dictionaryId: number;
  initial: { categoryId?: number; name: string; colour: string; description: string; scheduleCategoryId: string };
  scheduleOptions: { value: string; label: string }[];
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  idPrefix: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const v = (key: keyof typeof initial) => valueOf(state, key, String(initial[key] ?? ""));
  return (
    <form action={formAction} noValidate key={JSON.stringify(state.values ?? initial)} className="max-w-2xl">
      <FormStatus state={state} />
      <input type="hidden" name="dictionaryId" value={dictionaryId} />
      {initial.categoryId ? <input type="hidden" name="categoryId" value={initial.categoryId} /> : null}
      <TextField id={`${idPrefix}-name`} label="名前" name="name" required defaultValue={v("name")} error={state.errors?.name} />
      <TextField id={`${idPrefix}-colour`} label="色" name="colour" type="color" required defaultValue={v("colour") || "#626264"} error={state.errors?.colour} hint="カードや収集日カレンダーの目印に使います。" className="max-w-40" />
      <TextArea id={`${idPrefix}-description`} label="説明" name="description" defaultValue={v("description")} error={state.errors?.description} hint="出す日や袋など、区分全体に共通する説明です。" />
      <Select
        id={`${idPrefix}-schedule`}
        label="収集日"
        name="scheduleCategoryId"
        options={scheduleOptions.filter((o) => o.value !== String(initial.categoryId ?? ""))}
        placeholder="この区分の収集日を使う（地区と収集日で設定）"
        defaultValue={v("scheduleCategoryId")}
        error={state.errors?.scheduleCategoryId}
        hint="ほかの区分と同じ日に出すもの（例：ビンは「空きカン・ビン」の日）は、その区分を選びます。"
      />
      <Button type="submit" disabled={pending} size="sm">
        {pending ? "保存しています…" : initial.categoryId ? "変更を保存する" : "分別区分を追加する"}
      </Button>
    </form>
  );
}
