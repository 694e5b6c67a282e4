"use client";
// Add or change a nursery facility.
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox, Select, TextArea, TextField } from "@/components/ui/field";
import { FormStatus, valueOf } from "@/components/garbage/form-status";
import { IDLE, type ActionState } from "@/lib/forms/action-state";
import { AGE_CLASS_LABELS, NURSERY_TYPE_LABELS, NURSERY_TYPES, SERVICE_KEYS, SERVICE_LABELS } from "@/lib/nursery/labels";

export type FacilityFormInitial = Record<string, string> & { facilityId?: string };

const AGE_OPTIONS = [
  { value: "2", label: "産休明け（生後57日）" },
  { value: "3", label: "生後3か月" },
  { value: "4", label: "生後4か月" },
  { value: "6", label: "生後6か月" },
  { value: "9", label: "生後9か月" },
  { value: "12", label: "1歳" },
  { value: "24", label: "2歳" },
  { value: "36", label: "3歳" },
];

export function FacilityForm({ initial, districts, action }: { initial: FacilityFormInitial; districts: { value: string; label: string }[]; action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const v = (key: string) => valueOf(state, key, initial[key] ?? "");
  const checked = (key: string) => (state.values ? state.values[key] === "on" : initial[key] === "on");
  const minAgeOptions = AGE_OPTIONS.some((o) => o.value === v("minAgeMonths")) || !v("minAgeMonths") ? AGE_OPTIONS : [...AGE_OPTIONS, { value: v("minAgeMonths"), label: `生後${v("minAgeMonths")}か月` }];
  return (
    <form action={formAction} noValidate className="max-w-3xl" key={JSON.stringify(state.values ?? initial)}>
      <FormStatus state={state} />
      {initial.facilityId ? <input type="hidden" name="facilityId" value={initial.facilityId} /> : null}
      <TextField label="施設名" name="name" required defaultValue={v("name")} error={state.errors?.name} />
      <TextField label="施設名（よみがな）" name="nameKana" defaultValue={v("nameKana")} error={state.errors?.nameKana} />
      <div className="grid gap-x-6 sm:grid-cols-2">
        <Select label="施設の種類" name="type" required options={NURSERY_TYPES.map((t) => ({ value: t, label: NURSERY_TYPE_LABELS[t] }))} placeholder="選んでください" defaultValue={v("type")} error={state.errors?.type} />
        <TextField label="種類の表示名" name="typeLabel" defaultValue={v("typeLabel")} hint="例：小規模保育事業Ａ型（空欄なら種類の名前）" />
        <TextField label="公立・私立" name="ownership" defaultValue={v("ownership")} />
        <TextField label="運営者" name="operator" defaultValue={v("operator")} />
      </div>
      <div className="grid gap-x-6 sm:grid-cols-3">
        <Select label="受け入れ（いちばん小さい年齢）" name="minAgeMonths" required options={minAgeOptions} defaultValue={v("minAgeMonths") || "2"} error={state.errors?.minAgeMonths} />
        <Select label="受け入れ（いちばん上のクラス）" name="maxAgeClass" required options={AGE_CLASS_LABELS.map((l, i) => ({ value: String(i), label: l }))} defaultValue={v("maxAgeClass") || "5"} error={state.errors?.maxAgeClass} />
        <TextField label="定員（人）" name="capacity" inputMode="numeric" defaultValue={v("capacity")} error={state.errors?.capacity} />
      </div>
      <div className="grid gap-x-6 sm:grid-cols-3">
        <TextField label="開所時刻" name="opensAt" defaultValue={v("opensAt")} error={state.errors?.opensAt} hint="例：7:00" />
        <TextField label="閉所時刻（延長保育を含む）" name="closesAt" defaultValue={v("closesAt")} error={state.errors?.closesAt} hint="例：19:00" />
        <TextField label="時間のメモ" name="hoursNote" defaultValue={v("hoursNote")} />
      </div>
      <fieldset className="mb-6">
        <legend className="mb-2 text-std-17B-170 text-solid-gray-800">実施しているサービス</legend>
        <div className="flex flex-wrap gap-x-6">
          {SERVICE_KEYS.map((key) => (
            <Checkbox key={key} label={SERVICE_LABELS[key]} name={key} defaultChecked={checked(key)} />
          ))}
        </div>
      </fieldset>
      <TextField label="所在地" name="address" required defaultValue={v("address")} error={state.errors?.address} />
      <div className="grid gap-x-6 sm:grid-cols-2">
        <TextField label="緯度" name="latitude" required inputMode="decimal" defaultValue={v("latitude")} error={state.errors?.latitude} hint="例：35.5512" />
        <TextField label="経度" name="longitude" required inputMode="decimal" defaultValue={v("longitude")} error={state.errors?.longitude} hint="例：139.4478" />
      </div>
      <Select label="地区（町丁目）" name="districtId" options={districts} placeholder="市外・未設定" defaultValue={v("districtId")} />
      <div className="grid gap-x-6 sm:grid-cols-2">
        <TextField label="電話番号" name="phone" type="tel" defaultValue={v("phone")} error={state.errors?.phone} />
        <TextField label="ホームページ" name="url" type="url" defaultValue={v("url")} error={state.errors?.url} />
      </div>
      <TextArea label="備考" name="note" defaultValue={v("note")} />
      <Button type="submit" disabled={pending}>
        {pending ? "保存しています…" : initial.facilityId ? "変更を保存する" : "施設を追加する"}
      </Button>
    </form>
  );
}
