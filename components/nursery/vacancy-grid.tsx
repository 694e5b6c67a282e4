"use client";
// The monthly vacancy update: one row per facility, one choice per age class it accepts.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus, valueOf } from "@/components/garbage/form-status";
import { IDLE, type ActionState } from "@/lib/forms/action-state";
import { AGE_CLASS_LABELS, VACANCY_LABELS, VACANCY_STATUSES } from "@/lib/nursery/labels";

export type VacancyRow = { id: number; name: string; minClass: number; maxClass: number; cells: Record<number, { status: string; places: string }>; asOf: string };

export function VacancyGrid({ rows, asOf, action }: { rows: VacancyRow[]; asOf: string; action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} noValidate key={JSON.stringify(state.values ?? {})}>
      <FormStatus state={state} />
      <TextField label="何月時点の空き状況ですか" name="asOf" type="month" required defaultValue={valueOf(state, "asOf", asOf)} error={state.errors?.asOf} className="max-w-xs" />
      <div className="overflow-x-auto rounded-8 border border-solid-gray-420" role="region" aria-label="空き状況の入力" tabIndex={0}>
        <table className="w-full border-collapse text-left text-dns-16N-130">
          <caption className="px-4 py-3 text-left text-std-17B-170">施設ごと・クラスごとの空き状況（受け入れていないクラスは入力できません）</caption>
          <thead className="bg-solid-gray-50">
            <tr>
              <th scope="col" className="border-b border-solid-gray-420 px-4 py-3">
                施設
              </th>
              {AGE_CLASS_LABELS.map((label) => (
                <th key={label} scope="col" className="border-b border-solid-gray-420 px-2 py-3 whitespace-nowrap">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-solid-gray-200 last:border-b-0">
                <th scope="row" className="px-4 py-3 font-bold">
                  {row.name}
                  <span className="block text-dns-14N-130 font-normal text-solid-gray-600">前回：{row.asOf || "—"}</span>
                </th>
                {AGE_CLASS_LABELS.map((label, ageClass) => {
                  const accepted = ageClass >= row.minClass && ageClass <= row.maxClass;
                  if (!accepted) {
                    return (
                      <td key={label} className="px-2 py-3 text-center text-solid-gray-600">
                        対象外
                      </td>
                    );
                  }
                  const cell = row.cells[ageClass];
                  const statusName = `v_${row.id}_${ageClass}`;
                  const placesName = `p_${row.id}_${ageClass}`;
                  return (
                    <td key={label} className="px-2 py-2 align-top">
                      <label htmlFor={statusName} className="sr-only">
                        {row.name} {label}の空き
                      </label>
                      <select id={statusName} name={statusName} defaultValue={valueOf(state, statusName, cell?.status ?? "")} className="block w-full rounded-6 border border-solid-gray-600 bg-white px-2 py-2">
                        <option value="">未入力</option>
                        {VACANCY_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {VACANCY_LABELS[s]}
                          </option>
                        ))}
                      </select>
                      <label htmlFor={placesName} className="mt-1 block text-dns-14N-130 text-solid-gray-700">
                        <span className="sr-only">
                          {row.name} {label}の
                        </span>
                        人数
                      </label>
                      <input id={placesName} name={placesName} inputMode="numeric" defaultValue={valueOf(state, placesName, cell?.places ?? "")} className="block w-16 rounded-6 border border-solid-gray-600 px-2 py-1" />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button type="submit" disabled={pending} className="mt-6">
        {pending ? "保存しています…" : "この画面の空き状況を保存する"}
      </Button>
    </form>
  );
}
