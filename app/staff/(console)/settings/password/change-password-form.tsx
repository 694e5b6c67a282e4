"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { IDLE } from "@/lib/forms/action-state";
import { changeOwnPasswordAction } from "../actions";

export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const [state, action, pending] = useActionState(changeOwnPasswordAction, IDLE);
  return (
    <form action={action} className="max-w-xl" noValidate>
      {state.status === "error" && state.message ? (
        <Alert tone="error" live>
          {state.message}
        </Alert>
      ) : null}
      <TextField label="現在のパスワード" name="currentPassword" type="password" autoComplete="current-password" required error={state.errors?.currentPassword} />
      <TextField
        label="新しいパスワード"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={`${minLength}文字以上。推測されにくい語句を組み合わせてください（例：好きな言葉を3つ以上つなげる）。`}
        error={state.errors?.newPassword}
      />
      <TextField label="新しいパスワード（確認）" name="confirmPassword" type="password" autoComplete="new-password" required error={state.errors?.confirmPassword} />
      <Button type="submit" disabled={pending}>
        {pending ? "変更しています…" : "パスワードを変更する"}
      </Button>
    </form>
  );
}
