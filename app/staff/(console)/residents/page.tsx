// /staff/residents — residents and their registered attributes (residents.view-personal; audited).
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { RESIDENT_MAX_PAGE, residentFilterSchema, viewResidents } from "@/lib/residents/find-residents";
import { FOLLOW_STATUS_LABELS, GENDER_LABELS, LANGUAGE_LABELS } from "@/lib/residents/labels";
import { formatDate, formatNumber } from "@/lib/format";
import { pageParam, withParams, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { Button, LinkButton } from "@/components/ui/button";
import { Select, TextField } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";

export const metadata = { title: "住民" };

export default async function ResidentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("residents.view-personal");
  const params = await searchParams;
  const filter = residentFilterSchema.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])));
  const page = pageParam(params, RESIDENT_MAX_PAGE);
  const [districts, result] = await Promise.all([
    db.district.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
    viewResidents(db, { filter, page, pageSize: 50, actor: staff }),
  ]);
  return (
    <>
      <PageHeader title="住民" description="LINE の友だちと、登録フォームで回答された情報です。" />
      <Alert tone="info">この画面は個人情報を含みます。表示した内容は、閲覧した職員とともに監査ログに記録されます。業務に必要な範囲でご利用ください。</Alert>
      <form method="get" className="mb-8 rounded-12 border border-solid-gray-420 p-5" aria-labelledby="filter-heading">
        <h2 id="filter-heading" className="mb-4 text-std-18B-160">
          絞り込み
        </h2>
        <div className="grid gap-x-6 sm:grid-cols-2 lg:grid-cols-4">
          <Select label="地区" name="districtId" placeholder="すべての地区" defaultValue={filter.districtId ? String(filter.districtId) : ""} options={districts.map((d) => ({ value: String(d.id), label: d.name }))} />
          <Select label="友だちの状態" name="status" placeholder="すべて" defaultValue={filter.status ?? ""} options={[{ value: "FOLLOWING", label: "友だち" }, { value: "BLOCKED", label: "ブロック中" }]} />
          <Select label="住民登録" name="registered" placeholder="すべて" defaultValue={filter.registered ?? ""} options={[{ value: "yes", label: "登録済み" }, { value: "no", label: "未登録" }]} />
          <TextField label="LINE の表示名（一部）" name="name" defaultValue={filter.name ?? ""} />
        </div>
        <div className="flex flex-wrap gap-3">
          <Button type="submit">この条件で表示する</Button>
          <LinkButton href="/staff/residents" variant="tertiary">
            条件をクリア
          </LinkButton>
        </div>
      </form>
      <Table
        caption={`住民 ${formatNumber(result.total)}人`}
        rows={result.rows}
        rowKey={(row) => row.id}
        columns={[
          { key: "name", header: "LINE の表示名", rowHeader: true, cell: (row) => row.displayName ?? "（未取得）" },
          { key: "status", header: "状態", cell: (row) => <StatusBadge tone={row.followStatus === "FOLLOWING" ? "success" : "neutral"}>{FOLLOW_STATUS_LABELS[row.followStatus]}</StatusBadge> },
          { key: "registered", header: "住民登録", cell: (row) => (row.registeredAt ? formatDate(row.registeredAt) : "未登録") },
          { key: "district", header: "地区", cell: (row) => row.district?.name ?? "—" },
          { key: "birth", header: "生年月", cell: (row) => (row.birthYear ? `${row.birthYear}年${row.birthMonth ?? "?"}月` : "—") },
          { key: "gender", header: "性別", cell: (row) => (row.gender ? GENDER_LABELS[row.gender] : "—") },
          { key: "language", header: "言語", cell: (row) => LANGUAGE_LABELS[row.preferredLanguage] ?? row.preferredLanguage },
          { key: "followed", header: "友だち追加日", cell: (row) => formatDate(row.followedAt) },
        ]}
      />
      {result.pageCount === RESIDENT_MAX_PAGE ? (
        <p className="mt-4 text-solid-gray-600">{RESIDENT_MAX_PAGE}ページより先は表示できません。条件で絞り込んでください。</p>
      ) : null}
      <Pagination page={page} pageCount={result.pageCount} hrefFor={(p) => withParams("/staff/residents", params, { page: p })} />
    </>
  );
}
