"use client";
// The buttons of a broadcast's page (each a small form bound to its server action): submit for
// approval, approve or return with a comment, emergency send, cancel, duplicate, test send.
import { useActionState, useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/dialog";
import { Select, TextArea } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

function Result({ state }: { state: ActionState }) {
  if (state.status === "idle" || !state.message) return null;
  return (
    <Alert tone={state.status === "error" ? "error" : "success"} live>
      {state.message}
    </Alert>
  );
}

/** A one-click action, optionally confirmed in a dialog first. */
export function BroadcastActionButton({
  action,
  broadcastId,
  label,
  confirm,
  variant = "primary",
}: {
  action: Action;
  broadcastId: string;
  label: string;
  confirm?: { title: string; message: React.ReactNode; confirmLabel: string };
  variant?: "primary" | "secondary" | "danger";
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const formId = useId();
  return (
    <div>
      <Result state={state} />
      <form id={formId} action={formAction}>
        <input type="hidden" name="broadcastId" value={broadcastId} />
        {confirm ? null : (
          <Button type="submit" variant={variant === "danger" ? "secondary" : variant} disabled={pending}>
            {pending ? "処理しています…" : label}
          </Button>
        )}
      </form>
      {confirm ? <ConfirmButton label={pending ? "処理しています…" : label} title={confirm.title} message={confirm.message} confirmLabel={confirm.confirmLabel} formId={formId} variant={variant} /> : null}
    </div>
  );
}

export function ReturnForm({ action, broadcastId }: { action: Action; broadcastId: string }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const comment = typeof state.values?.comment === "string" ? state.values.comment : "";
  return (
    <form action={formAction} className="max-w-xl" noValidate key={state.status === "success" ? "done" : comment}>
      <Result state={state} />
      <input type="hidden" name="broadcastId" value={broadcastId} />
      <TextArea label="差し戻しの理由" name="comment" required defaultValue={comment} error={state.errors?.comment} hint="起案者に表示されます。直してほしい点を具体的に書いてください。" />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "処理しています…" : "差し戻す"}
      </Button>
    </form>
  );
}

export function TestSendForm({ action, broadcastId, languages }: { action: Action; broadcastId: string; languages: { value: string; label: string }[] }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-3">
      <div className="w-full">
        <Result state={state} />
      </div>
      <input type="hidden" name="broadcastId" value={broadcastId} />
      <Select label="テスト送信する言語" name="language" options={languages} defaultValue={languages[0]?.value} className="mb-0" />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "送信しています…" : "テスト送信"}
      </Button>
    </form>
  );
}

/** Issue a one-time code for linking one's own LINE account as a tester, or remove the link. */
export function TesterCodeForm({ action, unlinkAction, linked }: { action: Action; unlinkAction: Action; linked: boolean }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [unlinkState, unlinkFormAction] = useActionState(unlinkAction, IDLE);
  const issued = state.status === "success" && state.secret ? (JSON.parse(state.secret) as { code: string; url: string }) : null;
  return (
    <div>
      <Result state={state} />
      <Result state={unlinkState} />
      {issued ? (
        <div className="mb-6 rounded-12 border-2 border-blue-900 bg-blue-50 p-5">
          <p className="mb-2 text-std-17B-170">次のリンクを、テスト送信を受け取りたい自分のスマートフォンの LINE で開いてください。</p>
          <p className="mb-2 break-all">
            <output aria-label="登録用のリンク" className="font-mono">
              {issued.url}
            </output>
          </p>
          <p>
            登録コード：
            <output aria-label="登録コード" className="font-mono text-std-20B-150 tracking-wider">
              {issued.code}
            </output>
            （15分間、1回だけ有効です）
          </p>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <form action={formAction}>
          <input type="hidden" name="confirm" value="yes" />
          <Button type="submit" disabled={pending}>
            {linked ? "LINE アカウントを登録し直す" : "自分の LINE アカウントを登録する"}
          </Button>
        </form>
        {linked ? (
          <form action={unlinkFormAction}>
            <input type="hidden" name="confirm" value="yes" />
            <Button type="submit" variant="secondary">
              登録を解除する
            </Button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
