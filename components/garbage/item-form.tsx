"use client";
// Add or change a dictionary item. Typed values come back after an error, so nothing is lost.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Select, TextArea, TextField } from "@/components/ui/field";
import { FormStatus, valueOf } from "@/components/garbage/form-status";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

export type ItemFormInitial = { itemId?: number; name: string; reading: string; aliases: string; categoryId: string; notice: string };

export function ItemForm({
  dictionaryId,
  categories,
  initial,
  action,
}: {
  dictionaryId: number;
  categories: { value: string; label: string }[];
  initial: ItemFormInitial;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const v = (key: keyof ItemFormInitial) => valueOf(state, key, String(initial[key] ?? ""));
  return (
    <form action={formAction} className="max-w-3xl" noValidate key={JSON.stringify(state.values ?? initial)}>
      <FormStatus state={state} />
      <input type="hidden" name="dictionaryId" value={dictionaryId} />
      {initial.itemId ? <input type="hidden" name="itemId" value={initial.itemId} /> : null}
      <TextField label="品目名" name="name" required defaultValue={v("name")} error={state.errors?.name} hint="大きさや素材で分け方が変わるときは、（50cm以下）のように括弧で書き、区分ごとに別の品目にします。" />
      <TextField
        label="読み（ひらがな）"
        name="reading"
        defaultValue={v("reading")}
        error={state.errors?.reading}
        hint="空欄にすると自動で付けます。読み方が複数あるときは空白で区切ります。"
      />
      <TextField label="別名" name="aliases" defaultValue={v("aliases")} error={state.errors?.aliases} hint="住民が使うほかの呼び方を「、」で区切って入力します（例：スマートフォン、スマホ）。" />
      <Select label="分別区分" name="categoryId" required options={categories} defaultValue={v("categoryId")} placeholder="選んでください" error={state.errors?.categoryId} />
      <TextArea label="出し方の注意" name="notice" defaultValue={v("notice")} error={state.errors?.notice} hint="住民に表示されます。出し方や注意することを書いてください。" />
      <Button type="submit" disabled={pending}>
        {pending ? "保存しています…" : initial.itemId ? "変更を保存する" : "品目を追加する"}
      </Button>
    </form>
  );
}
