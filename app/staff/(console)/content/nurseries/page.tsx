// /staff/content/nurseries — nursery facilities residents search in /liff/nursery and the chat.
import Link from "next/link";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { oneOf, pageParam, param, withParams, type SearchParams } from "@/lib/http/search-params";
import { findFacilities } from "@/lib/nursery/manage";
import { AGE_CLASS_LABELS, NURSERY_TYPE_LABELS, NURSERY_TYPES, SERVICE_KEYS, SERVICE_LABELS, VACANCY_LABELS, formatMinAge, formatMinutes } from "@/lib/nursery/labels";
import { formatDate, formatNumber } from "@/lib/format";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { Button, LinkButton } from "@/components/ui/button";
import { Select, TextField } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { NurseryNav } from "./nursery-nav";

export const metadata = { title: "保育施設" };

export default async function NurseriesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const q = param(params, "q");
  const type = oneOf(param(params, "type"), NURSERY_TYPES);
  const page = pageParam(params);
  const result = await findFacilities(db, { q, type, page, pageSize: 30 });
  const canEdit = staff.can("content.edit");
  return (
    <>
      <PageHeader
        title="保育施設"
        description="住民が LIFF の「保育施設をさがす」やトークで探す施設の情報と空き状況です。"
        actions={
          canEdit ? (
            <>
              <LinkButton href="/staff/content/nurseries/new" variant="primary">
                施設を追加する
              </LinkButton>
              <LinkButton href="/staff/content/nurseries/import">ファイルから取り込む</LinkButton>
            </>
          ) : null
        }
      />
      <NurseryNav current="/staff/content/nurseries" />
      {param(params, "deleted") ? <Alert tone="success" live>施設を削除しました。</Alert> : null}
      <form method="get" className="mb-4 flex flex-wrap items-end gap-4">
        <TextField label="施設名・所在地で探す" name="q" defaultValue={q ?? ""} className="min-w-64 flex-1" />
        <Select label="種類" name="type" options={NURSERY_TYPES.map((t) => ({ value: t, label: NURSERY_TYPE_LABELS[t] }))} placeholder="すべて" defaultValue={type ?? ""} />
        <div className="mb-6">
          <Button type="submit" variant="secondary">
            絞り込む
          </Button>
        </div>
      </form>
      <Table
        caption={`保育施設 ${formatNumber(result.total)}件`}
        rows={result.rows}
        rowKey={(f) => String(f.id)}
        empty="当てはまる施設はありません。"
        columns={[
          { key: "name", header: "施設名", rowHeader: true, cell: (f) => (canEdit ? <Link href={`/staff/content/nurseries/edit?id=${f.id}`}>{f.name}</Link> : f.name) },
          { key: "type", header: "種類", cell: (f) => f.typeLabel },
          { key: "ages", header: "受け入れ", cell: (f) => `${formatMinAge(f.minAgeMonths)}〜${AGE_CLASS_LABELS[f.maxAgeClass] ?? ""}` },
          { key: "hours", header: "時間", cell: (f) => (f.opensAt !== null ? `${formatMinutes(f.opensAt)}〜${formatMinutes(f.closesAt)}` : "—") },
          { key: "services", header: "サービス", cell: (f) => SERVICE_KEYS.filter((k) => f[k]).map((k) => SERVICE_LABELS[k]).join("・") || "—" },
          {
            key: "vacancy",
            header: "空き状況",
            cell: (f) =>
              f.vacancies.length
                ? `${[...f.vacancies].sort((a, b) => a.ageClass - b.ageClass).map((v) => `${v.ageClass}歳:${VACANCY_LABELS[v.status]}`).join(" ")}（${formatDate(f.vacancies[0]!.asOf)}）`
                : f.vacancyFlag === null
                  ? "—"
                  : f.vacancyFlag
                    ? "空きあり（出典の情報）"
                    : "空きなし（出典の情報）",
          },
          { key: "source", header: "出典", cell: (f) => f.source },
        ]}
      />
      <Pagination page={page} pageCount={result.pageCount} hrefFor={(p) => withParams("/staff/content/nurseries", params, { page: p })} />
    </>
  );
}
