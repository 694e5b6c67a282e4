"use client";
// /liff/garbage: instant search as the resident types, their area, the month's collection calendar,
// and 「前日20時に通知」 per category. Everything goes through /api/liff/garbage/** with the ID token.
import { useCallback, useEffect, useRef, useState } from "react";
import { useLiff } from "@/components/liff/liff-provider";

type Overview = {
  dictionary: { name: string };
  area: { id: number; name: string } | null;
  districts: { id: number; name: string; schoolDistrict: string }[];
  categories: { id: number; name: string; colour: string; description: string }[];
  schedule: { categoryId: number; text: string; next: string | null }[];
  reminders: number[];
};
type Hit = { itemId: number; name: string; categoryName: string; colour: string; notice: string };
type SearchResult = { query: string; core: string; ambiguous: boolean; answers: Hit[]; hits: Hit[] };
type Calendar = {
  area: { id: number; name: string };
  month: string;
  title: string;
  days: { date: string; day: number; weekday: number; label: string; suspended: boolean; categories: { id: number; name: string; colour: string }[] }[];
  rules: { categoryId: number; name: string; colour: string; text: string; remarks: string[] }[];
};

const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];

function thisMonth(): string {
  const jst = new Date(Date.now() + 9 * 3_600_000);
  return `${jst.getUTCFullYear()}-${String(jst.getUTCMonth() + 1).padStart(2, "0")}`;
}

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + m - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function Swatch({ colour }: { colour: string }) {
  return <span aria-hidden="true" className="inline-block size-3 shrink-0 rounded-full border border-solid-gray-600" style={{ backgroundColor: colour }} />;
}

function Notice({ tone, children }: { tone: "error" | "success" | "info"; children: React.ReactNode }) {
  const box = tone === "error" ? "border-error-2 bg-red-50" : tone === "success" ? "border-success-2 bg-green-50" : "border-blue-900 bg-blue-50";
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`my-3 rounded-8 border-2 p-3 text-std-16N-170 ${box}`}>
      {children}
    </div>
  );
}

export function LiffGarbage({ initialQuery, initialTab }: { initialQuery: string; initialTab: string }) {
  const { api } = useLiff();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => api<Overview>("garbage").then(setOverview, (e: Error) => setError(e.message)), [api]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (overview && (initialTab === "calendar" || initialTab === "reminders")) document.getElementById(initialTab)?.scrollIntoView();
  }, [overview, initialTab]);

  if (error) return <Notice tone="error">{error}</Notice>;
  if (!overview) {
    return (
      <p role="status" className="py-8 text-center text-solid-gray-600">
        読み込んでいます…
      </p>
    );
  }
  return (
    <>
      <SearchSection initialQuery={initialQuery} />
      <AreaSection overview={overview} onChanged={load} />
      {overview.area ? (
        <>
          <CalendarSection areaId={overview.area.id} />
          <ReminderSection overview={overview} onChanged={load} />
        </>
      ) : null}
    </>
  );
}

function SearchSection({ initialQuery }: { initialQuery: string }) {
  const { api } = useLiff();
  const [query, setQuery] = useState(initialQuery);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const latest = useRef(0);

  const run = useCallback(
    async (q: string, final: boolean) => {
      const ticket = ++latest.current;
      if (!q.trim()) {
        setResult(null);
        return;
      }
      try {
        const found = await api<SearchResult>(`garbage/search?q=${encodeURIComponent(q)}${final ? "&final=1" : ""}`);
        if (ticket === latest.current) {
          setResult(found);
          setFailed(null);
        }
      } catch (e) {
        if (ticket === latest.current) setFailed((e as Error).message);
      }
    },
    [api],
  );

  // Search as the resident types (after a short pause), without waiting for a button.
  useEffect(() => {
    const timer = setTimeout(() => void run(query, false), 180);
    return () => clearTimeout(timer);
  }, [query, run]);

  const others = result ? result.hits.filter((h) => !result.answers.some((a) => a.itemId === h.itemId)).slice(0, 8) : [];
  return (
    <section aria-labelledby="search-heading" className="mb-10">
      <h2 id="search-heading" className="mb-3 text-std-20B-150">
        ごみの出し方を調べる
      </h2>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void run(query, true);
        }}
      >
        <label htmlFor="garbage-query" className="mb-1 block text-std-17B-170">
          品目名
        </label>
        <p id="garbage-query-hint" className="mb-2 text-std-16N-170 text-solid-gray-600">
          ひらがな・カタカナ・文章でも調べられます（例：ぺっとぼとるのふた）。
        </p>
        <div className="flex gap-2">
          <input
            id="garbage-query"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-describedby="garbage-query-hint"
            autoComplete="off"
            enterKeyHint="search"
            className="block w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170"
          />
          <button type="submit" className="min-h-12 shrink-0 rounded-8 border-2 border-blue-900 bg-blue-900 px-4 text-oln-16B-100 text-white">
            調べる
          </button>
        </div>
      </form>
      {failed ? <Notice tone="error">{failed}</Notice> : null}
      <div aria-live="polite" className="mt-4">
        {result && query.trim() ? (
          result.answers.length === 0 ? (
            <Notice tone="info">
              「{result.query}」は見つかりませんでした。別の言い方（例：スマートフォン→携帯電話）やひらがなでお試しください。「調べる」を押すと、いただいた言葉を担当課が確認し、辞書を良くするのに使います。
            </Notice>
          ) : (
            <>
              <p className="mb-2 text-std-16B-170">
                {result.ambiguous ? `大きさや素材によって出し方が変わります（${result.answers.length}件）。当てはまるものを確かめてください。` : `${result.answers.length}件見つかりました。`}
              </p>
              <ul className="space-y-3" aria-label="検索結果">
                {result.answers.map((hit) => (
                  <HitCard key={hit.itemId} hit={hit} />
                ))}
              </ul>
              {others.length ? (
                <>
                  <h3 className="mb-2 mt-6 text-std-17B-170">ほかの候補</h3>
                  <ul className="space-y-3" aria-label="ほかの候補">
                    {others.map((hit) => (
                      <HitCard key={hit.itemId} hit={hit} />
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          )
        ) : null}
      </div>
    </section>
  );
}

function HitCard({ hit }: { hit: Hit }) {
  return (
    <li className="rounded-12 border border-solid-gray-420 p-4">
      <p className="text-std-17B-170">{hit.name}</p>
      <p className="mt-1 flex items-center gap-2 text-std-16B-170">
        <Swatch colour={hit.colour} />
        {hit.categoryName}
      </p>
      {hit.notice ? <p className="mt-2 whitespace-pre-wrap text-std-16N-170 text-solid-gray-800">{hit.notice}</p> : null}
    </li>
  );
}

function AreaSection({ overview, onChanged }: { overview: Overview; onChanged: () => Promise<unknown> }) {
  const { api } = useLiff();
  const [editing, setEditing] = useState(!overview.area);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [areaQuery, setAreaQuery] = useState("");
  const [areaHits, setAreaHits] = useState<{ id: number; name: string }[] | null>(null);
  const schools = [...new Set(overview.districts.map((d) => d.schoolDistrict))];

  const save = async (body: { districtId: number } | { areaId: number }) => {
    try {
      const saved = await api<{ message: string }>("garbage/area", { method: "PUT", body });
      setMessage({ tone: "success", text: saved.message });
      setEditing(false);
      await onChanged();
    } catch (e) {
      setMessage({ tone: "error", text: (e as Error).message });
    }
  };

  return (
    <section aria-labelledby="area-heading" className="mb-10">
      <h2 id="area-heading" className="mb-3 text-std-20B-150">
        お住まいの地区
      </h2>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {overview.area && !editing ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-std-17B-170">{overview.area.name}</p>
          <button type="button" onClick={() => setEditing(true)} className="min-h-11 rounded-8 border-2 border-blue-900 px-4 text-oln-16B-100 text-blue-900">
            地区を変える
          </button>
        </div>
      ) : overview.districts.length ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const value = Number(new FormData(event.currentTarget).get("districtId"));
            if (!value) setMessage({ tone: "error", text: "お住まいの町丁目を選んでください。" });
            else void save({ districtId: value });
          }}
        >
          <label htmlFor="garbage-district" className="mb-2 block text-std-17B-170">
            町丁目
          </label>
          <select id="garbage-district" name="districtId" defaultValue="" className="mb-3 block w-full rounded-8 border border-solid-gray-600 bg-white px-4 py-3 text-std-16N-170">
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
          <button type="submit" className="min-h-12 rounded-8 border-2 border-blue-900 bg-blue-900 px-5 text-oln-16B-100 text-white">
            この地区にする
          </button>
        </form>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            api<{ areas: { id: number; name: string }[] }>(`garbage/areas?q=${encodeURIComponent(areaQuery)}`).then(
              (r) => setAreaHits(r.areas),
              (e: Error) => setMessage({ tone: "error", text: e.message }),
            );
          }}
        >
          <label htmlFor="garbage-area-query" className="mb-2 block text-std-17B-170">
            地区名・町名
          </label>
          <div className="flex gap-2">
            <input id="garbage-area-query" value={areaQuery} onChange={(e) => setAreaQuery(e.target.value)} className="block w-full rounded-8 border border-solid-gray-600 px-4 py-3" />
            <button type="submit" className="min-h-12 shrink-0 rounded-8 border-2 border-blue-900 px-4 text-oln-16B-100 text-blue-900">
              さがす
            </button>
          </div>
          {areaHits ? (
            areaHits.length ? (
              <ul className="mt-3 space-y-2">
                {areaHits.map((a) => (
                  <li key={a.id}>
                    <button type="button" onClick={() => void save({ areaId: a.id })} className="min-h-11 w-full rounded-8 border border-solid-gray-600 px-4 text-left">
                      {a.name}
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <Notice tone="info">その名前の地区は見つかりませんでした。町名の一部で探してください。</Notice>
            )
          ) : null}
        </form>
      )}
      {overview.area && overview.schedule.length ? (
        <ul className="mt-4 space-y-1 text-std-16N-170" aria-label="次の収集日">
          {overview.schedule
            .filter((s) => s.next)
            .map((s) => {
              const category = overview.categories.find((c) => c.id === s.categoryId)!;
              return (
                <li key={s.categoryId} className="flex items-center gap-2">
                  <Swatch colour={category.colour} />
                  <span>
                    {category.name}：次は{s.next}
                  </span>
                </li>
              );
            })}
        </ul>
      ) : null}
    </section>
  );
}

function CalendarSection({ areaId }: { areaId: number }) {
  const { api } = useLiff();
  const [month, setMonth] = useState(thisMonth);
  const [calendar, setCalendar] = useState<Calendar | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    api<Calendar>(`garbage/calendar?month=${month}`).then(
      (c) => {
        setCalendar(c);
        setFailed(null);
      },
      (e: Error) => setFailed(e.message),
    );
  }, [api, month, areaId]);

  const weeks: (Calendar["days"][number] | null)[][] = [];
  if (calendar) {
    let week: (Calendar["days"][number] | null)[] = Array.from({ length: calendar.days[0]!.weekday }, () => null);
    for (const day of calendar.days) {
      week.push(day);
      if (week.length === 7) {
        weeks.push(week);
        week = [];
      }
    }
    if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  }
  return (
    <section id="calendar" aria-labelledby="calendar-heading" className="mb-10 scroll-mt-4">
      <h2 id="calendar-heading" className="mb-3 text-std-20B-150">
        収集日カレンダー
      </h2>
      {failed ? <Notice tone="error">{failed}</Notice> : null}
      <div className="mb-3 flex items-center justify-between gap-2">
        <button type="button" onClick={() => setMonth((m) => shiftMonth(m, -1))} className="min-h-11 rounded-8 border-2 border-blue-900 px-3 text-oln-16B-100 text-blue-900">
          前の月
        </button>
        <p className="text-std-17B-170" aria-live="polite">
          {calendar?.title ?? ""}
        </p>
        <button type="button" onClick={() => setMonth((m) => shiftMonth(m, 1))} className="min-h-11 rounded-8 border-2 border-blue-900 px-3 text-oln-16B-100 text-blue-900">
          次の月
        </button>
      </div>
      {calendar ? (
        <>
          <ul className="mb-4 space-y-1 text-std-16N-170" aria-label="地区の収集日">
            {calendar.rules.map((r) => (
              <li key={r.categoryId} className="flex items-start gap-2">
                <span className="mt-1.5">
                  <Swatch colour={r.colour} />
                </span>
                <span>
                  {r.name}：{r.text}
                  {r.remarks.length ? `（${r.remarks.join(" ")}）` : ""}
                </span>
              </li>
            ))}
          </ul>
          <div className="overflow-x-auto" role="region" aria-label={`${calendar.title}の収集日`} tabIndex={0}>
            <table className="w-full table-fixed border-collapse text-dns-14N-130">
              <caption className="sr-only">
                {calendar.title} {calendar.area.name}の収集日
              </caption>
              <thead>
                <tr>
                  {WEEKDAYS.map((w) => (
                    <th key={w} scope="col" className="border border-solid-gray-420 bg-solid-gray-50 py-1">
                      {w}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeks.map((week, i) => (
                  <tr key={i}>
                    {week.map((day, j) =>
                      day ? (
                        <td key={day.date} className="h-16 border border-solid-gray-420 p-1 align-top">
                          <span className="sr-only">{day.label}</span>
                          <span aria-hidden="true" className="font-bold">
                            {day.day}
                          </span>
                          {day.suspended ? <span className="block text-dns-14N-130 text-solid-gray-700">休止</span> : null}
                          {day.categories.map((c) => (
                            <span key={c.id} className="mt-0.5 flex items-center gap-1 break-all">
                              <Swatch colour={c.colour} />
                              {c.name}
                            </span>
                          ))}
                        </td>
                      ) : (
                        <td key={`empty-${i}-${j}`} className="border border-solid-gray-420" />
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

function ReminderSection({ overview, onChanged }: { overview: Overview; onChanged: () => Promise<unknown> }) {
  const { api } = useLiff();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  // Shown at once; put back if the server refuses.
  const [on, setOn] = useState<number[]>(overview.reminders);
  useEffect(() => setOn(overview.reminders), [overview.reminders]);
  const collected = overview.schedule.filter((s) => s.text);
  const toggle = async (categoryId: number, enabled: boolean) => {
    const before = on;
    setOn(enabled ? [...on, categoryId] : on.filter((id) => id !== categoryId));
    try {
      const saved = await api<{ message: string }>("garbage/reminders", { method: "PUT", body: { categoryId, enabled } });
      setMessage({ tone: "success", text: saved.message });
      await onChanged();
    } catch (e) {
      setOn(before);
      setMessage({ tone: "error", text: (e as Error).message });
    }
  };
  return (
    <section id="reminders" aria-labelledby="reminders-heading" className="mb-10 scroll-mt-4">
      <h2 id="reminders-heading" className="mb-3 text-std-20B-150">
        前日20時に通知
      </h2>
      <p className="mb-3 text-std-16N-170 text-solid-gray-700">選んだごみの収集日の前の日、夜8時に LINE でお知らせします。</p>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <fieldset>
        <legend className="sr-only">通知するごみ</legend>
        <ul className="space-y-2">
          {collected.map((s) => {
            const category = overview.categories.find((c) => c.id === s.categoryId)!;
            const id = `reminder-${s.categoryId}`;
            return (
              <li key={s.categoryId} className="flex items-start gap-3">
                <input
                  id={id}
                  type="checkbox"
                  checked={on.includes(s.categoryId)}
                  onChange={(e) => void toggle(s.categoryId, e.target.checked)}
                  className="mt-1 size-6 shrink-0 accent-blue-900"
                />
                <label htmlFor={id} className="text-std-16N-170">
                  {category.name}
                  <span className="block text-dns-14N-130 text-solid-gray-700">{s.text}</span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </section>
  );
}
