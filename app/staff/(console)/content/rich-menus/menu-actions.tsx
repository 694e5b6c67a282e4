"use client";
// Buttons that act on one rich menu (publish, default, retire, delete) and the disaster switch.
import { useActionState, useEffect } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/dialog";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** While the friends' menus are being switched, re-renders the page every few seconds so the progress moves. */
export function RefreshWhileApplying({ active, intervalMs = 2000 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  return null;
}

function Feedback({ state }: { state: ActionState }) {
  return state.message ? (
    <Alert tone={state.status === "error" ? "error" : "success"} live>
      {state.message}
    </Alert>
  ) : null;
}

export function MenuActionButton({ id, label, action, variant = "secondary", confirm }: { id: string; label: string; action: Action; variant?: "primary" | "secondary" | "danger"; confirm?: { title: string; message: string } }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const formId = `${label}-${id}`;
  return (
    <div>
      <Feedback state={state} />
      <form id={formId} action={formAction}>
        <input type="hidden" name="id" value={id} />
        {confirm ? null : (
          <Button type="submit" variant={variant} disabled={pending}>
            {pending ? "処理しています…" : label}
          </Button>
        )}
      </form>
      {confirm ? <ConfirmButton formId={formId} label={label} title={confirm.title} message={confirm.message} confirmLabel={label} variant={variant} /> : null}
    </div>
  );
}

export function DisasterSwitch({ on, action, ready }: { on: boolean; action: Action; ready: boolean }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const formId = "disaster-switch";
  return (
    <div>
      <Feedback state={state} />
      <form id={formId} action={formAction}>
        <input type="hidden" name="mode" value={on ? "off" : "on"} />
      </form>
      {on ? (
        <ConfirmButton
          formId={formId}
          label="災害モードを終了する"
          title="災害モードを終了しますか？"
          message="すべての友だちのメニューを、それぞれの住民の通常のメニューに戻します。"
          confirmLabel="終了する"
          variant="primary"
        />
      ) : (
        <ConfirmButton
          formId={formId}
          label="災害モードを開始する"
          title="災害モードを開始しますか？"
          message={ready ? "すべての友だちのメニューを、災害モード用のメニューに切り替えます。" : "公開中の災害モード用メニューがないため、開始できません。"}
          confirmLabel="開始する"
          variant="danger"
        />
      )}
      {pending ? <p className="mt-2 text-dns-14N-130">切り替えています…</p> : null}
    </div>
  );
}
