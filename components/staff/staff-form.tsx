"use client";
// Create or edit a staff account. After an error the typed values come back in the state, so
// nothing is lost; a temporary password is shown once after creation.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ChoiceGroup, TextField } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/forms/action-state";
import { TemporaryPassword } from "@/components/staff/temporary-password";

export type StaffFormOptions = {
  roles: { value: string; label: string; description: string }[];
  departments: { value: string; label: string }[];
};

export function StaffForm({
  mode,
  action,
  options,
  initial,
}: {
  mode: "create" | "edit";
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  options: StaffFormOptions;
  initial?: { staffId: string; name: string; email: string; roles: string[]; departmentIds: string[] };
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const values = state.values;
  const text = (key: string, fallback = "") => (typeof values?.[key] === "string" ? (values[key] as string) : fallback);
  const list = (key: string, fallback: string[] = []) => (Array.isArray(values?.[key]) ? (values[key] as string[]) : fallback);

  if (mode === "create" && state.status === "success") {
    return (
      <div>
        <Alert tone="success" live title={state.message} />
        {state.secret ? <TemporaryPassword password={state.secret} /> : null}
        <a href="/staff/settings/staff/new" className="mr-6">
          続けて職員を追加する
        </a>
        <a href="/staff/settings/staff">職員の一覧へ戻る</a>
      </div>
    );
  }

  return (
    // The key resets the uncontrolled fields to the returned values after each submission.
    <form action={formAction} className="max-w-2xl" noValidate key={JSON.stringify(values ?? initial ?? {})}>
      {state.status === "error" && state.message ? (
        <Alert tone="error" live>
          {state.message}
        </Alert>
      ) : null}
      {state.status === "success" && state.message ? (
        <Alert tone="success" live>
          {state.message}
        </Alert>
      ) : null}
      {initial ? <input type="hidden" name="staffId" value={initial.staffId} /> : null}
      <TextField label="氏名" name="name" required autoComplete="off" defaultValue={text("name", initial?.name)} error={state.errors?.name} />
      {mode === "create" ? (
        <TextField
          label="メールアドレス"
          name="email"
          type="email"
          required
          autoComplete="off"
          hint="ログインに使います。職員本人の業務用メールアドレスを入力してください。"
          defaultValue={text("email")}
          error={state.errors?.email}
        />
      ) : null}
      <ChoiceGroup
        type="checkbox"
        name="roles"
        legend="役割"
        required
        hint="複数選べます。できることは役割の組み合わせで決まります。"
        options={options.roles}
        defaultValue={list("roles", initial?.roles)}
        error={state.errors?.roles}
      />
      <ChoiceGroup
        type="checkbox"
        name="departmentIds"
        legend="担当部署"
        hint="審査担当は、ここで選んだ部署の申請だけを審査できます。"
        options={options.departments}
        defaultValue={list("departmentIds", initial?.departmentIds)}
        error={state.errors?.departmentIds}
        inline
      />
      <Button type="submit" disabled={pending}>
        {pending ? "保存しています…" : mode === "create" ? "職員を作成する" : "変更を保存する"}
      </Button>
    </form>
  );
}
