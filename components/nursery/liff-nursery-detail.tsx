"use client";
// /liff/nursery/[id]: a facility's hours, services, ages, vacancies per class and how to contact it.
import { useEffect, useState } from "react";
import { useLiff } from "@/components/liff/liff-provider";
import { AGE_CLASS_LABELS, SERVICE_KEYS, SERVICE_LABELS, VACANCY_LABELS, formatMinAge, formatMinutes, type VacancyStatusValue } from "@/lib/nursery/labels";

type Detail = {
  id: number;
  name: string;
  nameKana: string;
  typeLabel: string;
  ownership: string;
  operator: string;
  minAgeMonths: number;
  maxAgeClass: number;
  agesLabel: string;
  capacity: number | null;
  opensAt: number | null;
  closesAt: number | null;
  hoursNote: string;
  extendedCare: boolean;
  temporaryCare: boolean;
  holidayCare: boolean;
  nightCare: boolean;
  allDayCare: boolean;
  address: string;
  phone: string;
  url: string;
  note: string;
  vacancyFlag: boolean | null;
  vacancyNote: string;
  vacancies: { ageClass: number; status: VacancyStatusValue; places: number | null; asOf: string }[];
};

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="border-b border-solid-gray-200 py-3">
      <dt className="text-std-16B-170 text-solid-gray-700">{term}</dt>
      <dd className="text-std-16N-170">{children}</dd>
    </div>
  );
}

export function LiffNurseryDetail({ id }: { id: number }) {
  const { api } = useLiff();
  const [facility, setFacility] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Detail>(`nursery/facility?id=${id}`).then(setFacility, (e: Error) => setError(e.message));
  }, [api, id]);

  const back = (
    <p className="mt-8">
      <a href="/liff/nursery">探した結果に戻る</a>
    </p>
  );
  if (error) {
    return (
      <>
        <div role="alert" className="my-3 rounded-8 border-2 border-error-2 bg-red-50 p-3">
          {error}
        </div>
        {back}
      </>
    );
  }
  if (!facility) {
    return (
      <p role="status" className="py-8 text-center text-solid-gray-600">
        読み込んでいます…
      </p>
    );
  }
  const tel = facility.phone.normalize("NFKC").replace(/[^0-9]/g, "");
  const services = SERVICE_KEYS.filter((k) => facility[k]).map((k) => SERVICE_LABELS[k]);
  const asOf = facility.vacancies[0]?.asOf;
  return (
    <>
      <h1 className="mb-1 text-std-24B-150">{facility.name}</h1>
      <p className="mb-4 text-std-16N-170 text-solid-gray-700">
        {facility.typeLabel}
        {facility.ownership ? `（${facility.ownership}）` : ""}
      </p>
      {tel.length >= 10 ? (
        <a href={`tel:${tel}`} className="mb-6 flex min-h-12 items-center justify-center rounded-8 border-2 border-blue-900 bg-blue-900 px-5 text-oln-16B-100 text-white no-underline">
          電話する（{facility.phone}）
        </a>
      ) : null}
      <dl className="mb-6">
        <Row term="受け入れ年齢">
          {formatMinAge(facility.minAgeMonths)}〜{AGE_CLASS_LABELS[facility.maxAgeClass]}
          {facility.agesLabel ? `（${facility.agesLabel}）` : ""}
        </Row>
        <Row term="開所時間">
          {facility.opensAt !== null ? `${formatMinutes(facility.opensAt)}〜${formatMinutes(facility.closesAt)}` : "施設にお問い合わせください"}
          {facility.hoursNote ? `（${facility.hoursNote}）` : ""}
        </Row>
        <Row term="サービス">{services.length ? services.join("・") : "延長保育・一時保育・休日保育・夜間保育はありません"}</Row>
        {facility.capacity !== null ? <Row term="定員">{facility.capacity}人</Row> : null}
        <Row term="所在地">{facility.address}</Row>
        {facility.operator ? <Row term="運営">{facility.operator}</Row> : null}
        {facility.url ? (
          <Row term="ホームページ">
            <a href={facility.url} target="_blank" rel="noopener noreferrer">
              {facility.url}
              <span className="sr-only">（新しいタブで開きます）</span>
            </a>
          </Row>
        ) : null}
        {facility.note ? <Row term="備考">{facility.note}</Row> : null}
      </dl>
      <h2 className="mb-2 text-std-20B-150">空き状況</h2>
      {facility.vacancies.length ? (
        <table className="w-full border-collapse text-std-16N-170">
          <caption className="mb-2 text-left text-dns-14N-130 text-solid-gray-700">{asOf ? `${asOf.slice(0, 4)}年${Number(asOf.slice(5, 7))}月時点` : ""}</caption>
          <thead>
            <tr>
              <th scope="col" className="border border-solid-gray-420 bg-solid-gray-50 p-2 text-left">
                クラス
              </th>
              <th scope="col" className="border border-solid-gray-420 bg-solid-gray-50 p-2 text-left">
                空き
              </th>
            </tr>
          </thead>
          <tbody>
            {facility.vacancies.map((v) => (
              <tr key={v.ageClass}>
                <th scope="row" className="border border-solid-gray-420 p-2 text-left font-normal">
                  {AGE_CLASS_LABELS[v.ageClass]}
                </th>
                <td className="border border-solid-gray-420 p-2">
                  {VACANCY_LABELS[v.status]}
                  {v.places !== null && v.status !== "NONE" ? `（${v.places}人）` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-std-16N-170">{facility.vacancyFlag === null ? "空き状況の情報はありません。施設にお問い合わせください。" : facility.vacancyFlag ? `空きあり（施設の情報${facility.vacancyNote ? `：${facility.vacancyNote}` : ""}）` : "空きなし"}</p>
      )}
      <p className="mt-4 text-dns-14N-130 text-solid-gray-700">入園の申し込みは、市役所の子育て支援課で受け付けています。空き状況は毎月更新しています。</p>
      {back}
    </>
  );
}
