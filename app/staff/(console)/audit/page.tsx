// /staff/audit — the audit log (audit.view): filter by actor, action, target and date; CSV export.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, auditActionLabel, auditTargetTypeLabel } from "@/lib/audit/actions";
import { auditFilterSchema, findAuditEntries } from "@/lib/audit/find-audit";
import { formatDateTime, formatNumber } from "@/lib/format";
import { pageParam, withParams, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { Button, LinkButton } from "@/components/ui/button";
import { Select, TextField } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";

export const metadata = { title: "監査ログ" };

const PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("audit.view");
  const params = await searchParams;
  const filter = auditFilterSchema.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined])));
  const page = pageParam(params);
  const [result, staff] = await Promise.all([
    findAuditEntries(db, filter, page, PAGE_SIZE),
    db.staff.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, email: true } }),
  ]);
  const exportQuery = withParams("/staff/audit/export", params, { page: undefined });
  return (
    <>
      <PageHeader
        title="監査ログ"
        description="ログイン、職員の管理、個人情報の閲覧など、記録された操作の一覧です。記録は変更・削除できません。"
        actions={
          <LinkButton href={exportQuery} download>
            CSV で書き出す
          </LinkButton>
        }
      />
      <form method="get" className="mb-8 rounded-12 border border-solid-gray-420 p-5" aria-labelledby="filter-heading">
        <h2 id="filter-heading" className="mb-4 text-std-18B-160">
          絞り込み
        </h2>
        <div className="grid gap-x-6 sm:grid-cols-2 lg:grid-cols-3">
          <Select
            label="操作者（職員）"
            name="actorId"
            placeholder="すべての職員"
            defaultValue={filter.actorId ?? ""}
            options={staff.map((s) => ({ value: s.id, label: `${s.name}（${s.email}）` }))}
          />
          <TextField label="操作者（名前・入力されたメールアドレスの一部）" name="actor" defaultValue={filter.actor ?? ""} />
          <Select
            label="操作"
            name="action"
            placeholder="すべての操作"
            defaultValue={filter.action ?? ""}
            options={Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))}
          />
          <Select
            label="対象の種類"
            name="targetType"
            placeholder="すべて"
            defaultValue={filter.targetType ?? ""}
            options={Object.entries(AUDIT_TARGET_TYPES).map(([value, label]) => ({ value, label }))}
          />
          <TextField label="対象ID" name="targetId" defaultValue={filter.targetId ?? ""} />
          <div className="grid grid-cols-2 gap-4">
            <TextField label="開始日" name="from" type="date" defaultValue={filter.from ?? ""} />
            <TextField label="終了日" name="to" type="date" defaultValue={filter.to ?? ""} />
          </div>
        </div>
        <div className="flex flex-wrap gap-3">
          <Button type="submit">この条件で表示する</Button>
          <LinkButton href="/staff/audit" variant="tertiary">
            条件をクリア
          </LinkButton>
        </div>
      </form>
      <Table
        caption={`監査ログ ${formatNumber(result.total)}件（新しい順）`}
        rows={result.rows}
        rowKey={(row) => row.id.toString()}
        columns={[
          { key: "at", header: "日時", cell: (row) => <span className="whitespace-nowrap tabular-nums">{formatDateTime(row.at)}</span> },
          { key: "actor", header: "操作者", cell: (row) => row.actorLabel },
          { key: "action", header: "操作", cell: (row) => auditActionLabel(row.action) },
          {
            key: "target",
            header: "対象",
            cell: (row) => (row.targetType ? `${auditTargetTypeLabel(row.targetType)}${row.targetId ? ` ${row.targetId}` : ""}` : "—"),
            className: "break-all",
          },
          {
            key: "summary",
            header: "内容",
            cell: (row) => (row.summary ? <code className="block max-w-md break-all text-dns-14N-130">{JSON.stringify(row.summary)}</code> : "—"),
          },
          { key: "ip", header: "IPアドレス", cell: (row) => row.ip ?? "—" },
        ]}
      />
      <Pagination page={page} pageCount={result.pageCount} hrefFor={(p) => withParams("/staff/audit", params, { page: p })} />
    </>
  );
}
