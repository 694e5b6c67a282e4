"use client";
// Staff reply (sent to the resident's LINE as a push). A template fills the text box; nothing typed
// is lost after an error.
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select, TextArea } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

export function ReplyForm({
  conversationId,
  templates,
  action,
  disabled,
}: {
  conversationId: string;
  templates: { id: string; title: string; body: string }[];
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  disabled?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [text, setText] = useState("");
  const textId = useId();
  const last = useRef(state);
  useEffect(() => {
    if (state === last.current) return;
    last.current = state;
    if (state.status === "success") setText("");
    else if (typeof state.values?.text === "string") setText(state.values.text);
  }, [state]);

  return (
    <form action={formAction} className="rounded-12 border border-solid-gray-420 p-5" aria-labelledby={`${textId}-heading`}>
      <h3 id={`${textId}-heading`} className="mb-4 text-std-18B-160">
        返信する
      </h3>
      {state.message ? (
        <Alert tone={state.status === "error" ? "error" : "success"} live>
          {state.message}
        </Alert>
      ) : null}
      <input type="hidden" name="conversationId" value={conversationId} />
      {templates.length > 0 ? (
        <Select
          label="定型文から入力"
          hint="選ぶと本文に入ります。送る前に内容を確認してください。"
          placeholder="定型文を選ぶ"
          defaultValue=""
          options={templates.map((t) => ({ value: t.id, label: t.title }))}
          onChange={(event) => {
            const template = templates.find((t) => t.id === event.target.value);
            if (template) setText((current) => (current ? `${current}\n${template.body}` : template.body));
            event.target.value = "";
          }}
        />
      ) : null}
      <TextArea
        id={textId}
        label="返信の本文"
        name="text"
        required
        rows={4}
        value={text}
        onChange={(event) => setText(event.target.value)}
        hint="住民の LINE にこのアカウントから届きます。個人情報を尋ねる内容は送らないでください。"
        error={state.errors?.text}
        disabled={disabled}
      />
      <Button type="submit" disabled={pending || disabled}>
        {pending ? "送信しています…" : "返信を送信する"}
      </Button>
    </form>
  );
}
