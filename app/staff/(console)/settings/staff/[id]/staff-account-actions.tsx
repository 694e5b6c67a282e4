"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/dialog";
import { IDLE } from "@/lib/forms/action-state";
import { TemporaryPassword } from "@/components/staff/temporary-password";
import { resetStaffPasswordAction, setStaffActiveAction } from "../../actions";

export function StaffAccountActions({
  staffId,
  name,
  active,
  isSelf,
  openSessions,
}: {
  staffId: string;
  name: string;
  active: boolean;
  isSelf: boolean;
  openSessions: number;
}) {
  const [activeState, activeAction] = useActionState(setStaffActiveAction, IDLE);
  const [resetState, resetAction] = useActionState(resetStaffPasswordAction, IDLE);
  return (
    <div className="space-y-8">
      <div>
        <h3 className="mb-2 text-std-17B-170">{active ? "アカウントを無効にする" : "アカウントを有効にする"}</h3>
        {activeState.message ? (
          <Alert tone={activeState.status === "error" ? "error" : "success"} live>
            {activeState.message}
          </Alert>
        ) : null}
        {active ? (
          isSelf ? (
            <p className="text-solid-gray-600">自分自身のアカウントは無効にできません。</p>
          ) : (
            <>
              <p className="mb-3">
                無効にすると、{name}さんはすぐにログアウトされ、ログインできなくなります（ログイン中の端末 {openSessions} 件）。記録は残ります。
              </p>
              <form id="deactivate-form" action={activeAction}>
                <input type="hidden" name="staffId" value={staffId} />
                <input type="hidden" name="active" value="false" />
              </form>
              <ConfirmButton
                formId="deactivate-form"
                label="無効にする"
                title={`${name}さんのアカウントを無効にしますか？`}
                message="この職員はすぐにログアウトされ、次の操作から利用できなくなります。あとで有効に戻せます。"
                confirmLabel="無効にする"
              />
            </>
          )
        ) : (
          <form action={activeAction}>
            <input type="hidden" name="staffId" value={staffId} />
            <input type="hidden" name="active" value="true" />
            <Button type="submit" variant="secondary">
              有効にする
            </Button>
          </form>
        )}
      </div>
      <div>
        <h3 className="mb-2 text-std-17B-170">パスワードを再発行する</h3>
        {resetState.message ? (
          <Alert tone={resetState.status === "error" ? "error" : "success"} live>
            {resetState.message}
          </Alert>
        ) : null}
        {resetState.secret ? <TemporaryPassword password={resetState.secret} /> : null}
        <p className="mb-3">仮パスワードを発行します。{name}さんはログアウトされ、次回ログイン時に新しいパスワードを設定します。ログインの一時停止も解除されます。</p>
        <form id="reset-form" action={resetAction}>
          <input type="hidden" name="staffId" value={staffId} />
        </form>
        <ConfirmButton
          formId="reset-form"
          label="仮パスワードを発行する"
          title={`${name}さんの仮パスワードを発行しますか？`}
          message="現在のパスワードは使えなくなり、この職員はログアウトされます。"
          confirmLabel="発行する"
          variant="primary"
        />
      </div>
    </div>
  );
}
