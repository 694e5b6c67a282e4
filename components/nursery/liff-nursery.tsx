"use client";
// /liff/nursery: where (current location, a district, or a point on the map), the child's birth
// month and the month they would start, type and service filters, 空きあり; results nearest first
// with distance and vacancy, as a list and on a map. The last search is kept for this tab, so coming
// back from a facility's page shows it again.
import { lazy, Suspense, useCallback, useEffect, useState, type ComponentProps } from "react";
import { useLiff } from "@/components/liff/liff-provider";
import { AGE_CLASS_LABELS, NURSERY_TYPE_LABELS, SERVICE_KEYS, SERVICE_LABELS, VACANCY_LABELS, formatDistance, formatMinutes, type NurseryTypeValue, type ServiceKey, type VacancyStatusValue } from "@/lib/nursery/labels";

// Leaflet loads only when a map is shown (it is not part of the page's first load).
const LazyMap = lazy(() => import("@/components/nursery/nursery-map"));

function NurseryMap(props: ComponentProps<typeof LazyMap>) {
  return (
    <Suspense
      fallback={
        <p role="status" className="py-6 text-center text-solid-gray-600">
          地図を読み込んでいます…
        </p>
      }
    >
      <LazyMap {...props} />
    </Suspense>
  );
}

type Point = { latitude: number; longitude: number };
type Overview = { districts: { id: number; name: string; schoolDistrict: string }[]; children: string[]; startMonth: string; centre: Point | null };
type Hit = {
  id: number;
  name: string;
  typeLabel: string;
  address: string;
  distanceMetres: number;
  latitude: number;
  longitude: number;
  opensAt: number | null;
  closesAt: number | null;
  extendedCare: boolean;
  temporaryCare: boolean;
  holidayCare: boolean;
  nightCare: boolean;
  vacancy: { status: VacancyStatusValue; places: number | null; asOf: string } | null;
  vacancyFlag: boolean | null;
};
type Result = { point: Point; child: { months: number; ageClass: number } | null; startMonth: string; hits: Hit[] };
type Where = "here" | "district" | "map";
type Form = { where: Where; districtId: string; point: Point | null; birthMonth: string; startMonth: string; types: NurseryTypeValue[]; services: ServiceKey[]; vacancyOnly: boolean };

const TYPES: NurseryTypeValue[] = ["LICENSED", "CERTIFIED_CENTER", "SMALL_SCALE", "HOME_BASED", "WORKPLACE", "UNLICENSED", "KINDERGARTEN"];
const STORE = "kairan.nursery.search";

function Notice({ tone, children }: { tone: "error" | "info"; children: React.ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`my-3 rounded-8 border-2 p-3 text-std-16N-170 ${tone === "error" ? "border-error-2 bg-red-50" : "border-blue-900 bg-blue-50"}`}>
      {children}
    </div>
  );
}

function vacancyText(hit: Hit, child: Result["child"]): string {
  if (hit.vacancy) return `${child ? AGE_CLASS_LABELS[child.ageClass] : ""}${VACANCY_LABELS[hit.vacancy.status]}${hit.vacancy.places !== null && hit.vacancy.status !== "NONE" ? `（${hit.vacancy.places}人）` : ""}`;
  if (hit.vacancyFlag !== null) return hit.vacancyFlag ? "空きあり（施設の情報）" : "空きなし（施設の情報）";
  return "空き状況：情報なし";
}

export function LiffNursery() {
  const { api } = useLiff();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [locating, setLocating] = useState(false);
  const [showMap, setShowMap] = useState(false);

  useEffect(() => {
    api<Overview>("nursery").then(
      (o) => {
        setOverview(o);
        const stored = sessionStorage.getItem(STORE);
        if (stored) {
          try {
            const saved = JSON.parse(stored) as { form: Form; result: Result | null };
            setForm(saved.form);
            setResult(saved.result);
            return;
          } catch {
            sessionStorage.removeItem(STORE);
          }
        }
        setForm({ where: "district", districtId: "", point: null, birthMonth: o.children[0] ?? "", startMonth: o.startMonth, types: [], services: [], vacancyOnly: false });
      },
      (e: Error) => setError(e.message),
    );
  }, [api]);

  const update = useCallback((change: Partial<Form>) => setForm((f) => (f ? { ...f, ...change } : f)), []);

  const search = async () => {
    if (!form) return;
    const params = new URLSearchParams();
    if (form.where === "district") {
      if (!form.districtId) return setError("探す地区を選んでください。");
      params.set("districtId", form.districtId);
    } else {
      if (!form.point) return setError(form.where === "here" ? "「現在地を使う」を押して、現在地を取得してください。" : "地図をタップして、探す場所を選んでください。");
      params.set("latitude", String(form.point.latitude));
      params.set("longitude", String(form.point.longitude));
    }
    if (form.birthMonth) params.set("birthMonth", form.birthMonth);
    if (form.startMonth) params.set("startMonth", form.startMonth);
    if (form.types.length) params.set("types", form.types.join(","));
    for (const s of form.services) params.set(s, "1");
    if (form.vacancyOnly) params.set("vacancyOnly", "1");
    setBusy(true);
    setError(null);
    try {
      const found = await api<Result>(`nursery/search?${params}`);
      setResult(found);
      sessionStorage.setItem(STORE, JSON.stringify({ form, result: found }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const locate = () => {
    if (!("geolocation" in navigator)) return setError("この端末では現在地を取得できません。地区か地図で選んでください。");
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setError(null);
        update({ point: { latitude: position.coords.latitude, longitude: position.coords.longitude } });
      },
      () => {
        setLocating(false);
        setError("現在地を取得できませんでした。位置情報の利用を許可するか、地区か地図で選んでください。");
      },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 60_000 },
    );
  };

  if (!overview || !form) {
    return error ? (
      <Notice tone="error">{error}</Notice>
    ) : (
      <p role="status" className="py-8 text-center text-solid-gray-600">
        読み込んでいます…
      </p>
    );
  }
  const centre = form.point ?? result?.point ?? overview.centre ?? { latitude: 35.681, longitude: 139.767 };
  const schools = [...new Set(overview.districts.map((d) => d.schoolDistrict))];

  return (
    <>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <fieldset className="mb-6">
          <legend className="mb-2 text-std-17B-170">探す場所</legend>
          <div className="space-y-2">
            {(
              [
                ["here", "現在地の近く"],
                ["district", "地区を選ぶ"],
                ["map", "地図で選ぶ"],
              ] as const
            ).map(([value, label]) => (
              <div key={value} className="flex items-center gap-3">
                <input
                  id={`where-${value}`}
                  type="radio"
                  name="where"
                  value={value}
                  checked={form.where === value}
                  onChange={() => update({ where: value, point: value === form.where ? form.point : null })}
                  className="size-6 accent-blue-900"
                />
                <label htmlFor={`where-${value}`} className="text-std-16N-170">
                  {label}
                </label>
              </div>
            ))}
          </div>
          {form.where === "here" ? (
            <div className="mt-3">
              <button type="button" onClick={locate} disabled={locating} className="min-h-11 rounded-8 border-2 border-blue-900 px-4 text-oln-16B-100 text-blue-900">
                {locating ? "現在地を取得しています…" : "現在地を使う"}
              </button>
              {form.point ? (
                <p role="status" className="mt-2 text-std-16N-170">
                  現在地を取得しました。
                </p>
              ) : null}
            </div>
          ) : null}
          {form.where === "district" ? (
            <div className="mt-3">
              <label htmlFor="nursery-district" className="mb-1 block text-std-16B-170">
                地区
              </label>
              <select id="nursery-district" value={form.districtId} onChange={(e) => update({ districtId: e.target.value })} className="block w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3">
                <option value="">選んでください</option>
                {schools.map((school) => (
                  <optgroup key={school} label={school}>
                    {overview.districts
                      .filter((d) => d.schoolDistrict === school)
                      .map((d) => (
                        <option key={d.id} value={d.id}>
                          {d.name}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </div>
          ) : null}
          {form.where === "map" ? (
            <div className="mt-3">
              <p className="mb-2 text-std-16N-170 text-solid-gray-700">地図をタップすると、その場所の近くを探します。</p>
              <NurseryMap centre={centre} point={form.point} facilities={[]} onPick={(point) => update({ point })} label="探す場所を選ぶ地図" />
              {form.point ? (
                <p role="status" className="mt-2 text-std-16N-170">
                  場所を選びました。
                </p>
              ) : null}
            </div>
          ) : null}
        </fieldset>

        <div className="mb-6 grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="birth-month" className="mb-1 block text-std-16B-170">
              お子さまの生まれた年月
            </label>
            <p id="birth-month-hint" className="mb-1 text-dns-14N-130 text-solid-gray-600">
              入園する月の年齢で、受け入れている施設を探します。
            </p>
            <input id="birth-month" type="month" value={form.birthMonth} onChange={(e) => update({ birthMonth: e.target.value })} aria-describedby="birth-month-hint" className="block w-full rounded-8 border border-solid-gray-600 px-4 py-3" />
          </div>
          <div>
            <label htmlFor="start-month" className="mb-1 block text-std-16B-170">
              入園を希望する月
            </label>
            <input id="start-month" type="month" value={form.startMonth} onChange={(e) => update({ startMonth: e.target.value })} className="block w-full rounded-8 border border-solid-gray-600 px-4 py-3" />
          </div>
        </div>

        <details className="mb-6 rounded-8 border border-solid-gray-420 p-3" open={form.types.length > 0}>
          <summary className="cursor-pointer text-std-16B-170">施設の種類で絞り込む</summary>
          <fieldset className="mt-3">
            <legend className="sr-only">施設の種類</legend>
            <div className="grid grid-cols-2 gap-2">
              {TYPES.map((t) => (
                <div key={t} className="flex items-center gap-2">
                  <input
                    id={`type-${t}`}
                    type="checkbox"
                    checked={form.types.includes(t)}
                    onChange={(e) => update({ types: e.target.checked ? [...form.types, t] : form.types.filter((x) => x !== t) })}
                    className="size-6 accent-blue-900"
                  />
                  <label htmlFor={`type-${t}`}>{NURSERY_TYPE_LABELS[t]}</label>
                </div>
              ))}
            </div>
          </fieldset>
        </details>

        <fieldset className="mb-6">
          <legend className="mb-2 text-std-17B-170">条件</legend>
          <div className="grid grid-cols-2 gap-2">
            {SERVICE_KEYS.map((s) => (
              <div key={s} className="flex items-center gap-2">
                <input
                  id={`service-${s}`}
                  type="checkbox"
                  checked={form.services.includes(s)}
                  onChange={(e) => update({ services: e.target.checked ? [...form.services, s] : form.services.filter((x) => x !== s) })}
                  className="size-6 accent-blue-900"
                />
                <label htmlFor={`service-${s}`}>{SERVICE_LABELS[s]}</label>
              </div>
            ))}
            <div className="flex items-center gap-2">
              <input id="vacancy-only" type="checkbox" checked={form.vacancyOnly} onChange={(e) => update({ vacancyOnly: e.target.checked })} className="size-6 accent-blue-900" />
              <label htmlFor="vacancy-only">空きがある施設だけ</label>
            </div>
          </div>
        </fieldset>

        <button type="submit" disabled={busy} className="min-h-12 w-full rounded-8 border-2 border-blue-900 bg-blue-900 px-5 text-oln-16B-100 text-white disabled:bg-solid-gray-300">
          {busy ? "探しています…" : "この条件で探す"}
        </button>
      </form>

      {error ? <Notice tone="error">{error}</Notice> : null}

      {result ? (
        <section aria-labelledby="results-heading" className="mt-10">
          <h2 id="results-heading" className="mb-1 text-std-20B-150">
            近い順の保育施設
          </h2>
          <p role="status" className="mb-3 text-std-16N-170 text-solid-gray-700">
            {result.hits.length ? `${result.hits.length}件見つかりました。` : "条件に合う施設は見つかりませんでした。条件を減らすか、場所を変えてお試しください。"}
            {result.child ? `（${result.startMonth.replace("-", "年")}月に ${AGE_CLASS_LABELS[result.child.ageClass]}・${Math.floor(result.child.months / 12)}歳${result.child.months % 12}か月）` : ""}
          </p>
          {result.hits.length ? (
            <button type="button" onClick={() => setShowMap((v) => !v)} aria-expanded={showMap} className="mb-4 min-h-11 rounded-8 border-2 border-blue-900 px-4 text-oln-16B-100 text-blue-900">
              {showMap ? "地図を閉じる" : "地図で見る"}
            </button>
          ) : null}
          {showMap ? (
            <div className="mb-4">
              <NurseryMap
                centre={result.point}
                point={result.point}
                facilities={result.hits.map((h, i) => ({ id: h.id, name: h.name, latitude: h.latitude, longitude: h.longitude, rank: i + 1 }))}
                label="見つかった保育施設の地図"
              />
            </div>
          ) : null}
          <ol className="space-y-3" aria-label="見つかった保育施設（近い順）">
            {result.hits.map((hit) => (
              <li key={hit.id} className="rounded-12 border border-solid-gray-420 p-4">
                <p className="text-std-17B-170">
                  <a href={`/liff/nursery/${hit.id}`}>{hit.name}</a>
                </p>
                <p className="text-std-16N-170 text-solid-gray-700">
                  {hit.typeLabel}・{formatDistance(hit.distanceMetres)}
                  {hit.opensAt !== null ? `・${formatMinutes(hit.opensAt)}〜${formatMinutes(hit.closesAt)}` : ""}
                </p>
                {SERVICE_KEYS.some((k) => hit[k]) ? <p className="text-std-16N-170">{SERVICE_KEYS.filter((k) => hit[k]).map((k) => SERVICE_LABELS[k]).join("・")}</p> : null}
                <p className="mt-1 text-std-16B-170">{vacancyText(hit, result.child)}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
