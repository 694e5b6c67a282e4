"use client";
// Reply templates: one form per template (edit, delete) and one for a new template.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextArea, TextField } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

type Template = { id: string; title: string; body: string; sortOrder: number };
type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

function TemplateForm({ template, saveAction, deleteAction }: { template?: Template; saveAction: Action; deleteAction: Action }) {
  const [state, formAction, pending] = useActionState(saveAction, IDLE);
  const [deleteState, deleteFormAction, deleting] = useActionState(deleteAction, IDLE);
  const value = (key: string, fallback: string) => (state.status === "error" && typeof state.values?.[key] === "string" ? (state.values[key] as string) : fallback);
  const heading = template ? template.title : "新しい定型文";
  const headingId = `template-${template?.id ?? "new"}`;
  return (
    <section aria-labelledby={headingId} className="rounded-12 border border-solid-gray-420 p-5">
      <h2 id={headingId} className="mb-4 text-std-18B-160">
        {heading}
      </h2>
      {state.message ? (
        <Alert tone={state.status === "error" ? "error" : "success"} live>
          {state.message}
        </Alert>
      ) : null}
      {deleteState.message ? (
        <Alert tone={deleteState.status === "error" ? "error" : "success"} live>
          {deleteState.message}
        </Alert>
      ) : null}
      <form action={formAction} key={template ? template.id : state.status === "success" ? state.message : "new"}>
        {template ? <input type="hidden" name="id" value={template.id} /> : null}
        <TextField label="名前" name="title" required defaultValue={value("title", template?.title ?? "")} error={state.errors?.title} />
        <TextArea label="本文" name="body" required rows={4} defaultValue={value("body", template?.body ?? "")} error={state.errors?.body} />
        <TextField label="並び順" name="sortOrder" type="number" min={0} max={9999} hint="小さい順に並びます。" defaultValue={value("sortOrder", String(template?.sortOrder ?? 0))} error={state.errors?.sortOrder} className="max-w-48" />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={pending}>
            {template ? "保存する" : "追加する"}
          </Button>
        </div>
      </form>
      {template ? (
        <form action={deleteFormAction} className="mt-3">
          <input type="hidden" name="id" value={template.id} />
          <Button type="submit" variant="tertiary" size="sm" disabled={deleting}>
            「{template.title}」を削除する
          </Button>
        </form>
      ) : null}
    </section>
  );
}

export function ReplyTemplateEditor({ templates, saveAction, deleteAction }: { templates: Template[]; saveAction: Action; deleteAction: Action }) {
  return (
    <div className="flex flex-col gap-6">
      {templates.length === 0 ? <p className="text-solid-gray-600">定型文はまだありません。下のフォームから追加できます。</p> : null}
      {templates.map((t) => (
        <TemplateForm key={t.id} template={t} saveAction={saveAction} deleteAction={deleteAction} />
      ))}
      <TemplateForm saveAction={saveAction} deleteAction={deleteAction} />
    </div>
  );
}
