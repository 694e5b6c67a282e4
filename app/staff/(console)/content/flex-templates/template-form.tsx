"use client";
// Create or edit a Flex template: a name, the alternative text (notifications, screen readers) and
// the bubble or carousel JSON (e.g. from LINE's Flex Message Simulator). LINE checks it on save.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextArea, TextField } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

export function FlexTemplateForm({ initial, action }: { initial: { id?: string; name: string; altText: string; contents: string }; action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const text = (key: "name" | "altText" | "contents") => (typeof state.values?.[key] === "string" ? (state.values[key] as string) : initial[key]);
  return (
    <form action={formAction} className="max-w-3xl" noValidate key={JSON.stringify(state.values ?? {})}>
      {state.status === "error" && state.message ? (
        <Alert tone="error" live>
          {state.message}
        </Alert>
      ) : null}
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <TextField label="テンプレートの名前" name="name" required defaultValue={text("name")} error={state.errors?.name} />
      <TextField label="代替テキスト" name="altText" required defaultValue={text("altText")} error={state.errors?.altText} hint="通知やトーク一覧、読み上げで表示される文章です（400文字まで）。" />
      <TextArea
        label="Flex メッセージ（JSON）"
        name="contents"
        required
        rows={16}
        defaultValue={text("contents")}
        error={state.errors?.contents}
        hint="bubble または carousel の JSON を貼り付けます。保存するときに LINE が内容を確認します。"
        className="font-mono"
        spellCheck={false}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "LINE で確認しています…" : "保存する"}
      </Button>
    </form>
  );
}
