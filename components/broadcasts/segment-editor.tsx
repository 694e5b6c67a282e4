"use client";
// The segment editor: conditions in AND/OR groups, and the live count of friends it reaches (an exact
// count from the server, /staff/segments/count, as staff edit). Saved with a server action.
import { useActionState, useEffect, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextArea, TextField } from "@/components/ui/field";
import { IDLE, type ActionState } from "@/lib/forms/action-state";
import { CONDITION_KIND_LABELS, type SegmentCondition, type SegmentConditionKind, type SegmentFilter, type SegmentGroup } from "@/lib/segments/filter";
import { DISASTER_CATEGORIES, GENDERS, LANGUAGES, TOPICS } from "@/lib/registration/options";

export type DistrictOption = { id: number; name: string; schoolDistrict: string };

const KINDS = Object.keys(CONDITION_KIND_LABELS) as SegmentConditionKind[];

function blank(kind: SegmentConditionKind): SegmentCondition {
  switch (kind) {
    case "district":
      return { kind, districtIds: [] };
    case "age":
      return { kind, min: null, max: null };
    case "gender":
      return { kind, values: [] };
    case "language":
      return { kind, values: [] };
    case "topics":
      return { kind, match: "any", values: [] };
    case "childAge":
      return { kind, minMonths: 0, maxMonths: 11 };
    case "expecting":
      return { kind };
    case "registered":
      return { kind, value: true };
    case "followed":
      return { kind, from: null, to: null };
    case "tags":
      return { kind, match: "any", values: [] };
    case "disaster":
      return { kind, categories: [], districtIds: [] };
  }
}

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

function Checks<T extends string | number>({ legend, options, values, onChange, columns }: { legend: string; options: { value: T; label: string }[]; values: T[]; onChange(values: T[]): void; columns?: boolean }) {
  const id = useId();
  return (
    <fieldset className="mb-3">
      <legend className="mb-1 text-std-16B-170">{legend}</legend>
      <div className={columns ? "grid max-h-56 grid-cols-1 gap-1 overflow-y-auto rounded-8 border border-solid-gray-420 p-2 sm:grid-cols-2" : "flex flex-wrap gap-x-5 gap-y-1"}>
        {options.map((option) => (
          <div key={String(option.value)} className="flex items-center gap-2">
            <input id={`${id}-${option.value}`} type="checkbox" className="size-5 accent-blue-900" checked={values.includes(option.value)} onChange={() => onChange(toggle(values, option.value))} />
            <label htmlFor={`${id}-${option.value}`} className="text-std-16N-170">
              {option.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function Radios<T extends string>({ legend, options, value, onChange }: { legend: string; options: { value: T; label: string }[]; value: T; onChange(value: T): void }) {
  const id = useId();
  return (
    <fieldset className="mb-3">
      <legend className="mb-1 text-std-16B-170">{legend}</legend>
      <div className="flex flex-wrap gap-x-5">
        {options.map((option) => (
          <div key={option.value} className="flex items-center gap-2">
            <input id={`${id}-${option.value}`} type="radio" name={id} className="size-5 accent-blue-900" checked={value === option.value} onChange={() => onChange(option.value)} />
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function NumberInput({ label, value, onChange, unit }: { label: string; value: number | null; onChange(value: number | null): void; unit: string }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-std-16N-170">
        {label}
      </label>
      <input
        id={id}
        type="number"
        min={0}
        inputMode="numeric"
        className="w-24 rounded-8 border border-solid-gray-600 px-3 py-2"
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value === "" ? null : Math.max(0, Math.floor(Number(event.target.value))))}
      />
      <span>{unit}</span>
    </div>
  );
}

function DateInput({ label, value, onChange }: { label: string; value: string | null; onChange(value: string | null): void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" className="rounded-8 border border-solid-gray-600 px-3 py-2" value={value ?? ""} onChange={(event) => onChange(event.target.value || null)} />
    </div>
  );
}

const MATCH = [
  { value: "any" as const, label: "いずれかに当てはまる" },
  { value: "all" as const, label: "すべてに当てはまる" },
];

function ConditionFields({ condition, onChange, districts }: { condition: SegmentCondition; onChange(c: SegmentCondition): void; districts: DistrictOption[] }) {
  const districtOptions = districts.map((d) => ({ value: d.id, label: `${d.name}（${d.schoolDistrict}）` }));
  switch (condition.kind) {
    case "district":
      return <Checks legend="お住まいの地区" columns options={districtOptions} values={condition.districtIds} onChange={(districtIds) => onChange({ ...condition, districtIds })} />;
    case "age":
      return (
        <div className="flex flex-wrap gap-4">
          <NumberInput label="下限" unit="歳以上" value={condition.min} onChange={(min) => onChange({ ...condition, min })} />
          <NumberInput label="上限" unit="歳以下" value={condition.max} onChange={(max) => onChange({ ...condition, max })} />
        </div>
      );
    case "gender":
      return <Checks legend="性別" options={GENDERS.map((g) => ({ value: g.value, label: g.label }))} values={condition.values} onChange={(values) => onChange({ ...condition, values })} />;
    case "language":
      return <Checks legend="言語" options={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))} values={condition.values} onChange={(values) => onChange({ ...condition, values })} />;
    case "topics":
      return (
        <>
          <Radios legend="当てはまり方" options={MATCH} value={condition.match} onChange={(match) => onChange({ ...condition, match })} />
          <Checks legend="分野" options={TOPICS.map((t) => ({ value: t.value, label: t.label }))} values={condition.values} onChange={(values) => onChange({ ...condition, values })} />
        </>
      );
    case "childAge":
      return (
        <div className="flex flex-wrap gap-4">
          <NumberInput label="下限" unit="か月以上" value={condition.minMonths} onChange={(v) => onChange({ ...condition, minMonths: v ?? 0 })} />
          <NumberInput label="上限" unit="か月以下" value={condition.maxMonths} onChange={(v) => onChange({ ...condition, maxMonths: v ?? 0 })} />
        </div>
      );
    case "expecting":
      return <p className="text-std-16N-170 text-solid-gray-600">配信月以降に出産予定月を登録している世帯</p>;
    case "registered":
      return (
        <Radios
          legend="住民登録"
          options={[
            { value: "yes", label: "登録している" },
            { value: "no", label: "登録していない" },
          ]}
          value={condition.value ? "yes" : "no"}
          onChange={(v) => onChange({ ...condition, value: v === "yes" })}
        />
      );
    case "followed":
      return (
        <div className="flex flex-wrap gap-4">
          <DateInput label="この日から" value={condition.from} onChange={(from) => onChange({ ...condition, from })} />
          <DateInput label="この日まで" value={condition.to} onChange={(to) => onChange({ ...condition, to })} />
        </div>
      );
    case "tags":
      return <TagsFields condition={condition} onChange={onChange} />;
    case "disaster":
      return (
        <>
          <Checks legend="防災情報の種類（いずれか）" options={DISASTER_CATEGORIES.map((c) => ({ value: c.value, label: c.label }))} values={condition.categories} onChange={(categories) => onChange({ ...condition, categories })} />
          <Checks legend="受け取る地区（いずれか）" columns options={districtOptions} values={condition.districtIds} onChange={(districtIds) => onChange({ ...condition, districtIds })} />
        </>
      );
  }
}

function TagsFields({ condition, onChange }: { condition: Extract<SegmentCondition, { kind: "tags" }>; onChange(c: SegmentCondition): void }) {
  const id = useId();
  return (
    <>
      <Radios legend="当てはまり方" options={MATCH} value={condition.match} onChange={(match) => onChange({ ...condition, match })} />
      <label htmlFor={id} className="mb-1 block text-std-16B-170">
        タグ（読点「、」区切り）
      </label>
      <input
        id={id}
        className="w-full rounded-8 border border-solid-gray-600 px-3 py-2"
        defaultValue={condition.values.join("、")}
        onChange={(event) => onChange({ ...condition, values: event.target.value.split(/[、,]/).map((v) => v.trim()).filter(Boolean) })}
      />
    </>
  );
}

/** The live count, fetched as the filter changes (debounced). */
export function useSegmentCount(filter: SegmentFilter, date?: string): { text: string; busy: boolean } {
  const [state, setState] = useState<{ text: string; busy: boolean }>({ text: "数えています…", busy: true });
  const key = JSON.stringify(filter);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, busy: true }));
    const timer = setTimeout(async () => {
      try {
        const params = new URLSearchParams({ filter: key, ...(date ? { date } : {}) });
        const response = await fetch(`/staff/segments/count?${params}`, { signal: controller.signal, cache: "no-store" });
        const body = (await response.json()) as { count?: number; ms?: number; message?: string };
        if (response.ok) setState({ text: `${new Intl.NumberFormat("ja-JP").format(body.count!)}人`, busy: false });
        else setState({ text: "条件を完成させると人数を表示します", busy: false });
      } catch (error) {
        if ((error as Error).name !== "AbortError") setState({ text: "人数を数えられませんでした", busy: false });
      }
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, date]);
  return state;
}

export function SegmentFilterEditor({ filter, onChange, districts }: { filter: SegmentFilter; onChange(filter: SegmentFilter): void; districts: DistrictOption[] }) {
  const [kindToAdd, setKindToAdd] = useState<SegmentConditionKind[]>(filter.groups.map(() => "district"));
  const addSelectId = useId();
  const setGroup = (index: number, group: SegmentGroup | null) => {
    const groups = group === null ? filter.groups.filter((_, i) => i !== index) : filter.groups.map((g, i) => (i === index ? group : g));
    onChange({ ...filter, groups });
  };
  return (
    <div>
      {filter.groups.length === 0 ? <p className="mb-4 text-std-16N-170">条件がありません：友だち全員（ブロック中の方を除く）が対象です。</p> : null}
      {filter.groups.length > 1 ? (
        <Radios
          legend="グループどうしの組み合わせ"
          options={[
            { value: "and", label: "すべてのグループに当てはまる（AND）" },
            { value: "or", label: "いずれかのグループに当てはまる（OR）" },
          ]}
          value={filter.combine}
          onChange={(combine) => onChange({ ...filter, combine })}
        />
      ) : null}
      {filter.groups.map((group, gi) => (
        <fieldset key={gi} className="mb-4 rounded-12 border-2 border-solid-gray-420 p-4">
          <legend className="px-1 text-std-17B-170">グループ {gi + 1}</legend>
          {group.conditions.length > 1 ? (
            <Radios
              legend="条件の組み合わせ"
              options={[
                { value: "and", label: "すべて（AND）" },
                { value: "or", label: "いずれか（OR）" },
              ]}
              value={group.combine}
              onChange={(combine) => setGroup(gi, { ...group, combine })}
            />
          ) : null}
          {group.conditions.map((condition, ci) => (
            <fieldset key={ci} className="mb-3 rounded-8 border border-solid-gray-420 p-3">
              <legend className="px-1 text-std-16B-170">{CONDITION_KIND_LABELS[condition.kind]}</legend>
              <ConditionFields
                condition={condition}
                districts={districts}
                onChange={(c) => setGroup(gi, { ...group, conditions: group.conditions.map((x, i) => (i === ci ? c : x)) })}
              />
              <Button
                variant="tertiary"
                size="sm"
                onClick={() => {
                  const conditions = group.conditions.filter((_, i) => i !== ci);
                  setGroup(gi, conditions.length ? { ...group, conditions } : null);
                }}
              >
                この条件を削除
              </Button>
            </fieldset>
          ))}
          <div className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={`${addSelectId}-${gi}`} className="mb-1 block text-std-16B-170">
                追加する条件
              </label>
              <select
                id={`${addSelectId}-${gi}`}
                className="rounded-8 border border-solid-gray-600 px-3 py-2"
                value={kindToAdd[gi] ?? "district"}
                onChange={(event) => setKindToAdd(filter.groups.map((_, i) => (i === gi ? (event.target.value as SegmentConditionKind) : (kindToAdd[i] ?? "district"))))}
              >
                {KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {CONDITION_KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
            </div>
            <Button variant="secondary" size="sm" onClick={() => setGroup(gi, { ...group, conditions: [...group.conditions, blank(kindToAdd[gi] ?? "district")] })}>
              条件を追加<span className="sr-only">（グループ {gi + 1}）</span>
            </Button>
          </div>
        </fieldset>
      ))}
      <Button
        variant="secondary"
        onClick={() => {
          setKindToAdd([...kindToAdd, "district"]);
          onChange({ ...filter, groups: [...filter.groups, { combine: "and", conditions: [blank("district")] }] });
        }}
      >
        グループを追加
      </Button>
    </div>
  );
}

export function SegmentCountBox({ filter, label = "この条件の友だち" }: { filter: SegmentFilter; label?: string }) {
  const count = useSegmentCount(filter);
  return (
    <div className="rounded-12 border-2 border-blue-900 bg-blue-50 p-4" aria-live="polite" aria-busy={count.busy}>
      <p className="text-std-16B-170">{label}</p>
      <p className="text-std-28B-150 tabular-nums" data-testid="segment-count">
        {count.text}
      </p>
      <p className="text-dns-14N-130 text-solid-gray-600">ブロック中の方を除く、今日時点の人数です。</p>
    </div>
  );
}

export function SegmentForm({
  action,
  initial,
  districts,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  initial: { id?: string; name: string; description: string; filter: SegmentFilter };
  districts: DistrictOption[];
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const restored = typeof state.values?.payload === "string" ? (JSON.parse(state.values.payload) as typeof initial) : null;
  const [filter, setFilter] = useState<SegmentFilter>(restored?.filter ?? initial.filter);
  const [name, setName] = useState(restored?.name ?? initial.name);
  const [description, setDescription] = useState(restored?.description ?? initial.description);
  return (
    <form action={formAction} noValidate>
      {state.status !== "idle" && state.message ? (
        <Alert tone={state.status === "error" ? "error" : "success"} live>
          {state.message}
          {state.errors?.filter ? <span className="block">{state.errors.filter[0]}</span> : null}
        </Alert>
      ) : null}
      {initial.id ? <input type="hidden" name="segmentId" value={initial.id} /> : null}
      <input type="hidden" name="payload" value={JSON.stringify({ name, description, filter })} />
      <div className="grid gap-6 lg:grid-cols-[1fr_16rem]">
        <div>
          <TextField label="セグメント名" required value={name} onChange={(e) => setName(e.target.value)} error={state.errors?.name} maxLength={60} />
          <TextArea label="説明（任意）" value={description} onChange={(e) => setDescription(e.target.value)} error={state.errors?.description} className="[&_textarea]:min-h-20" />
          <h2 className="mb-3 text-std-20B-150">条件</h2>
          <SegmentFilterEditor filter={filter} onChange={setFilter} districts={districts} />
        </div>
        <div className="lg:sticky lg:top-4 lg:self-start">
          <SegmentCountBox filter={filter} />
          <Button type="submit" disabled={pending} className="mt-4 w-full">
            {pending ? "保存しています…" : "セグメントを保存する"}
          </Button>
        </div>
      </div>
    </form>
  );
}
