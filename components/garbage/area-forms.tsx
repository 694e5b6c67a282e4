"use client";
// Areas: add one (name), and edit one — its collection days per category in 5374 notation, its
// collection centre, and the city's districts (町丁目) it covers.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { ChoiceGroup, Select, TextField } from "@/components/ui/field";
import { FormStatus, valueOf } from "@/components/garbage/form-status";
import { IDLE, type ActionState } from "@/lib/forms/action-state";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export function NewAreaForm({ dictionaryId, action }: { dictionaryId: number; action: Action }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} noValidate className="flex max-w-3xl flex-wrap items-end gap-4" key={JSON.stringify(state.values ?? {})}>
      <div className="w-full">
        <FormStatus state={state} />
      </div>
      <input type="hidden" name="dictionaryId" value={dictionaryId} />
      <TextField label="地区名" name="name" required defaultValue={valueOf(state, "name")} error={state.errors?.name} className="min-w-64 flex-1" />
      <TextField label="グループ（区など。なければ空欄）" name="groupName" defaultValue={valueOf(state, "groupName")} error={state.errors?.groupName} className="min-w-48" />
      <div className="mb-6">
        <Button type="submit" disabled={pending}>
          地区を追加する
        </Button>
      </div>
    </form>
  );
}

export type AreaFormProps = {
  dictionaryId: number;
  area: { id: number; name: string; centerId: string; districtIds: string[] };
  categories: { id: number; name: string; pattern: string; ruleText: string; followsName?: string }[];
  centers: { value: string; label: string }[];
  districtGroups: { legend: string; options: { value: string; label: string; description?: string }[] }[];
  action: Action;
};

export function AreaForm({ dictionaryId, area, categories, centers, districtGroups, action }: AreaFormProps) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const districtValues = Array.isArray(state.values?.districtIds) ? (state.values.districtIds as string[]) : area.districtIds;
  return (
    <form action={formAction} noValidate className="max-w-3xl" key={JSON.stringify(state.values ?? area)}>
      <FormStatus state={state} />
      <input type="hidden" name="dictionaryId" value={dictionaryId} />
      <input type="hidden" name="areaId" value={area.id} />
      <TextField label="地区名" name="name" required defaultValue={valueOf(state, "name", area.name)} error={state.errors?.name} />
      <Select label="センター" name="centerId" options={centers} placeholder="なし" defaultValue={valueOf(state, "centerId", area.centerId)} hint="センターの休止期間（年末年始など）は、そのセンターの地区に適用されます。" />
      <fieldset className="mb-6">
        <legend className="mb-2 text-std-17B-170 text-solid-gray-800">収集日</legend>
        <p className="mb-4 text-std-16N-170 text-solid-gray-600">
          「月 木」＝毎週月曜と木曜、「水2 水4」＝第2・第4水曜、「火2:4 6 8」＝4・6・8月の第2火曜、「20261230」＝その日だけ。収集しない区分は空欄にします。
        </p>
        {categories.map((c) =>
          c.followsName ? (
            <p key={c.id} className="mb-4 text-std-16N-170 text-solid-gray-700">
              {c.name}：「{c.followsName}」と同じ日
            </p>
          ) : (
            <TextField
              key={c.id}
              id={`rule-${c.id}`}
              label={c.name}
              name={`rule_${c.id}`}
              defaultValue={valueOf(state, `rule_${c.id}`, c.pattern)}
              error={state.errors?.[`rule_${c.id}`]}
              hint={c.ruleText ? `いま：${c.ruleText}` : "いま：収集なし"}
            />
          ),
        )}
      </fieldset>
      {districtGroups.map((group) => (
        <ChoiceGroup key={group.legend} type="checkbox" name="districtIds" legend={`この地区に含む町丁目（${group.legend}）`} options={group.options} defaultValue={districtValues} inline />
      ))}
      <Button type="submit" disabled={pending}>
        {pending ? "保存しています…" : "地区と収集日を保存する"}
      </Button>
    </form>
  );
}
