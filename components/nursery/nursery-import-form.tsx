"use client";
// Upload a papamama GeoJSON or an open-data CSV of nursery facilities.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus, valueOf } from "@/components/garbage/form-status";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

type Report = { format: string; encoding: string; rows: number; read: number; created: number; updated: number; removed: number; errors: { line?: number; message: string; row?: string }[]; warnings: { line?: number; message: string }[] };
type State = ActionState & { report?: Report };

const FORMAT_LABELS: Record<string, string> = { "papamama-geojson": "papamama GeoJSON", "papamama-csv": "papamama 形式の CSV", "standard-csv": "オープンデータ（標準データセット形式）の CSV" };

export function NurseryImportForm({ action }: { action: (state: State, formData: FormData) => Promise<State> }) {
  const [state, formAction, pending] = useActionState(action, IDLE as State);
  const report = state.report;
  return (
    <>
      <form action={formAction} noValidate className="max-w-3xl">
        <FormStatus state={state} />
        <div className="mb-6">
          <label htmlFor="file" className="mb-2 block text-std-17B-170 text-solid-gray-800">
            ファイル
          </label>
          <p id="file-hint" className="mb-2 text-std-16N-170 text-solid-gray-600">
            papamama の nurseryFacilities.geojson、または施設名・種別・緯度・経度などの列がある CSV（UTF-8 / Shift_JIS）。
          </p>
          {state.errors?.file ? (
            <p id="file-error" role="alert" className="mb-2 text-std-16B-170 text-error-1">
              {state.errors.file[0]}
            </p>
          ) : null}
          <input
            id="file"
            name="file"
            type="file"
            accept=".geojson,.json,.csv,application/geo+json,text/csv"
            required
            aria-describedby={state.errors?.file ? "file-hint file-error" : "file-hint"}
            aria-invalid={state.errors?.file ? true : undefined}
            className="block w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3"
          />
        </div>
        <TextField label="データの識別名" name="source" required defaultValue={valueOf(state, "source", "city")} error={state.errors?.source} hint="同じ識別名で取り込み直すと、そのデータの施設を更新します（職員が入力した空き状況は残ります）。" />
        <Button type="submit" disabled={pending}>
          {pending ? "取り込んでいます…" : "取り込む"}
        </Button>
      </form>
      {report ? (
        <section aria-labelledby="nursery-report" className="mt-10">
          <h2 id="nursery-report" className="mb-2 text-std-20B-150">
            取り込みの結果
          </h2>
          <p className="mb-4">
            {FORMAT_LABELS[report.format] ?? report.format}（{report.encoding === "shift_jis" ? "Shift_JIS" : "UTF-8"}）：{report.rows} 件中 {report.read} 件を読みました。
          </p>
          <h3 className="mb-2 text-std-18B-160">読めなかった行（{report.errors.length}）</h3>
          {report.errors.length === 0 ? (
            <p>読めなかった行はありません。</p>
          ) : (
            <ul className="list-disc space-y-1 pl-6">
              {report.errors.map((e, i) => (
                <li key={i}>
                  {e.line ? `${e.line} 件目：` : ""}
                  {e.message}
                </li>
              ))}
            </ul>
          )}
          {report.warnings.length ? (
            <>
              <h3 className="mb-2 mt-6 text-std-18B-160">注意（{report.warnings.length}）</h3>
              <ul className="list-disc space-y-1 pl-6">
                {report.warnings.map((w, i) => (
                  <li key={i}>
                    {w.line ? `${w.line} 件目：` : ""}
                    {w.message}
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
