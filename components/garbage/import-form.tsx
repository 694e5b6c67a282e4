"use client";
// Upload a city's 5374 files; shows what was read and every row that could not be.
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox, TextField } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { FormStatus, valueOf } from "@/components/garbage/form-status";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

/** Next's default limit for a server action's request body (next.config serverActions.bodySizeLimit). */
const MAX_UPLOAD_BYTES = 1024 * 1024;

type Issue = { file: string; line?: number; message: string; row?: string };
export type ImportFormState = ActionState & {
  report?: { files: { name: string; encoding: string; rows: number; skipped: number; ignored?: boolean }[]; errors: Issue[]; warnings: Issue[]; counts: Record<string, number> };
};

export function ImportForm({ action, defaults }: { action: (state: ImportFormState, formData: FormData) => Promise<ImportFormState>; defaults: { slug: string; name: string } }) {
  const [state, formAction, pending] = useActionState(action, IDLE as ImportFormState);
  const [tooLarge, setTooLarge] = useState(false);
  const report = state.report;
  return (
    <>
      <form
        action={formAction}
        noValidate
        className="max-w-3xl"
        onSubmit={(event) => {
          const input = event.currentTarget.elements.namedItem("files") as HTMLInputElement | null;
          const total = Array.from(input?.files ?? []).reduce((sum, f) => sum + f.size, 0);
          setTooLarge(total > MAX_UPLOAD_BYTES);
          if (total > MAX_UPLOAD_BYTES) event.preventDefault();
        }}
      >
        <FormStatus state={state} />
        {tooLarge ? (
          <Alert tone="error" live>
            ファイルの合計が 1 MB を超えています。同じ種類のファイル（target.sjis.csv と target.utf8.csv など）は 1 つだけ選ぶか、管理コマンド（npm run kairan -- garbage import）で取り込んでください。
          </Alert>
        ) : null}
        <div className="mb-6">
          <label htmlFor="files" className="mb-2 block text-std-17B-170 text-solid-gray-800">
            5374 形式のファイル
          </label>
          <p id="files-hint" className="mb-2 text-std-16N-170 text-solid-gray-600">
            target.csv（品目）、area_days.csv（地区と収集日）、description.csv（分別区分）、center.csv（休止期間）、remarks.csv（注意事項）をまとめて選びます。UTF-8 と Shift_JIS のどちらでも読めます。
          </p>
          {state.errors?.files ? (
            <p id="files-error" role="alert" className="mb-2 text-std-16B-170 text-error-1">
              {state.errors.files[0]}
            </p>
          ) : null}
          <input
            id="files"
            name="files"
            type="file"
            accept=".csv,text/csv"
            multiple
            required
            aria-describedby={state.errors?.files ? "files-hint files-error" : "files-hint"}
            aria-invalid={state.errors?.files ? true : undefined}
            className="block w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170"
          />
        </div>
        <TextField label="辞書の名前" name="name" required defaultValue={valueOf(state, "name", defaults.name)} error={state.errors?.name} hint="市町村名など（例：みどり市）。" />
        <TextField label="識別名" name="slug" required defaultValue={valueOf(state, "slug", defaults.slug)} error={state.errors?.slug} hint="半角英小文字・数字・ハイフン。同じ識別名の辞書があれば、その内容を置き換えます（言い換えと住民の地区の選択は残ります）。" />
        <Checkbox label="取り込んだ辞書を住民が使う辞書にする" name="activate" defaultChecked={state.values?.activate === "on"} />
        <Button type="submit" disabled={pending}>
          {pending ? "取り込んでいます…" : "取り込む"}
        </Button>
      </form>
      {report ? (
        <section aria-labelledby="report-heading" className="mt-10">
          <h2 id="report-heading" className="mb-4 text-std-20B-150">
            取り込みの結果
          </h2>
          <Table
            caption="読んだファイル"
            rows={report.files}
            rowKey={(f) => f.name}
            columns={[
              { key: "name", header: "ファイル", rowHeader: true, cell: (f) => f.name },
              { key: "encoding", header: "文字コード", cell: (f) => (f.encoding === "shift_jis" ? "Shift_JIS" : "UTF-8") },
              { key: "rows", header: "行数", align: "right", cell: (f) => (f.ignored ? "読み込まず" : f.rows) },
              { key: "skipped", header: "読めなかった行", align: "right", cell: (f) => (f.ignored ? "—" : f.skipped) },
            ]}
          />
          <h3 className="mb-2 mt-6 text-std-18B-160">読めなかった行（{report.errors.length}）</h3>
          {report.errors.length === 0 ? (
            <p>読めなかった行はありません。</p>
          ) : (
            <ul className="space-y-2">
              {report.errors.map((issue, i) => (
                <li key={i} className="rounded-8 border border-error-1 p-3">
                  <p className="text-std-16B-170">
                    {issue.file}
                    {issue.line ? ` ${issue.line} 行目` : ""}：{issue.message}
                  </p>
                  {issue.row ? <p className="break-all text-dns-14N-130 text-solid-gray-700">{issue.row}</p> : null}
                </li>
              ))}
            </ul>
          )}
          {report.warnings.length ? (
            <>
              <h3 className="mb-2 mt-6 text-std-18B-160">注意（取り込み済み・{report.warnings.length}）</h3>
              <ul className="list-disc space-y-1 pl-6">
                {report.warnings.map((issue, i) => (
                  <li key={i}>
                    {issue.file}
                    {issue.line ? ` ${issue.line} 行目` : ""}：{issue.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
