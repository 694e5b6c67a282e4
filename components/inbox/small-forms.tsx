"use client";
// The conversation's small forms: assignee, status, internal note, and the resident's registered
// attributes (shown on request; the server audits each view).
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select, TextArea } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/forms/action-state";
import { formatDate } from "@/lib/format";
import { GENDER_LABELS, LANGUAGE_LABELS } from "@/lib/residents/labels";
import type { ResidentAttributes } from "@/lib/inbox/manage";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

function Feedback({ state }: { state: ActionState }) {
  return state.message ? (
    <Alert tone={state.status === "error" ? "error" : "success"} live>
      {state.message}
    </Alert>
  ) : null;
}

export function AssignForm({ conversationId, assigneeId, staff, action }: { conversationId: string; assigneeId: string | null; staff: { id: string; name: string }[]; action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction}>
      <Feedback state={state} />
      <input type="hidden" name="conversationId" value={conversationId} />
      <Select label="担当者" name="assigneeId" placeholder="未割り当て" defaultValue={assigneeId ?? ""} options={staff.map((s) => ({ value: s.id, label: s.name }))} error={state.errors?.assigneeId} />
      <Button type="submit" variant="secondary" size="sm" disabled={pending}>
        担当者を保存する
      </Button>
    </form>
  );
}

export function StatusForm({ conversationId, status, action }: { conversationId: string; status: "OPEN" | "RESOLVED"; action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction}>
      <Feedback state={state} />
      <input type="hidden" name="conversationId" value={conversationId} />
      <input type="hidden" name="status" value={status === "OPEN" ? "RESOLVED" : "OPEN"} />
      <Button type="submit" variant={status === "OPEN" ? "primary" : "secondary"} size="sm" disabled={pending}>
        {status === "OPEN" ? "対応済みにする" : "対応中に戻す"}
      </Button>
    </form>
  );
}

export function NoteForm({ conversationId, action }: { conversationId: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="rounded-12 border border-dashed border-solid-gray-420 p-5" key={state.status === "success" ? state.message : "note"}>
      <Feedback state={state} />
      <input type="hidden" name="conversationId" value={conversationId} />
      <TextArea
        label="内部メモ"
        name="body"
        rows={2}
        hint="職員だけが見られます。住民には送られません。"
        defaultValue={state.status === "error" && typeof state.values?.body === "string" ? state.values.body : ""}
        error={state.errors?.body}
      />
      <Button type="submit" variant="secondary" size="sm" disabled={pending}>
        メモを追加する
      </Button>
    </form>
  );
}

export function ResidentAttributesPanel({ conversationId, action }: { conversationId: string; action: (state: ActionState & { attributes?: ResidentAttributes }, formData: FormData) => Promise<ActionState & { attributes?: ResidentAttributes }> }) {
  const [state, formAction, pending] = useActionState(action, IDLE as ActionState & { attributes?: ResidentAttributes });
  const a = state.attributes;
  return (
    <section aria-labelledby="attributes-heading" className="rounded-12 border border-solid-gray-420 p-5">
      <h3 id="attributes-heading" className="mb-2 text-std-18B-160">
        登録情報
      </h3>
      {a ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-dns-16N-130" aria-live="polite">
          <dt className="font-bold">住民登録</dt>
          <dd>{a.registeredAt ? `登録済み（${formatDate(a.registeredAt)}）` : "未登録"}</dd>
          <dt className="font-bold">地区</dt>
          <dd>{a.district ?? "—"}</dd>
          <dt className="font-bold">生年月</dt>
          <dd>{a.birthYear ? `${a.birthYear}年${a.birthMonth ?? "?"}月` : "—"}</dd>
          <dt className="font-bold">性別</dt>
          <dd>{a.gender ? (GENDER_LABELS as Record<string, string>)[a.gender] : "—"}</dd>
          <dt className="font-bold">言語</dt>
          <dd>{LANGUAGE_LABELS[a.preferredLanguage] ?? a.preferredLanguage}</dd>
          <dt className="font-bold">友だち追加</dt>
          <dd>{formatDate(a.followedAt)}</dd>
        </dl>
      ) : (
        <form action={formAction}>
          {state.status === "error" && state.message ? (
            <Alert tone="error" live>
              {state.message}
            </Alert>
          ) : null}
          <p className="mb-3 text-dns-16N-130 text-solid-gray-700">登録フォームで回答された地区・生年月などです。表示すると、閲覧した職員とともに監査ログに記録されます。</p>
          <input type="hidden" name="conversationId" value={conversationId} />
          <Button type="submit" variant="secondary" size="sm" disabled={pending}>
            登録情報を表示する
          </Button>
        </form>
      )}
    </section>
  );
}
