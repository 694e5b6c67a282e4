// /staff/broadcasts — broadcast history with filters, where each one is in approval and delivery,
// and who drafted and approved it.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { broadcastFilterSchema, findBroadcasts } from "@/lib/broadcasts/find-broadcasts";
import { BROADCAST_STATUSES, BROADCAST_STATUS_LABELS } from "@/lib/broadcasts/statuses";
import { latestRunProgress } from "@/lib/delivery/progress";
import { formatDateTime, formatNumber } from "@/lib/format";
import { pageParam, withParams, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { StatusFilter } from "@/components/staff/status-filter";
import { Button, LinkButton } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";

export const metadata = { title: "配信" };

export default async function BroadcastsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("broadcasts.view");
  const params = await searchParams;
  const filter = broadcastFilterSchema.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const page = pageParam(params);
  const result = await findBroadcasts(db, { ...filter, page, pageSize: 50 });
  const progress = await latestRunProgress(db, result.rows.map((r) => r.id));
  const extra = { q: filter.q, emergency: filter.emergency, from: filter.from, to: filter.to };
  return (
    <>
      <PageHeader
        title="配信"
        description="住民へのお知らせ配信の一覧です。配信は起案した職員とは別の承認者が承認してから送られます（防災担当の緊急配信を除く）。"
        actions={
          staff.can("broadcasts.draft") ? (
            <>
              <LinkButton href="/staff/broadcasts/new" variant="primary">
                新しい配信を作成
              </LinkButton>
              <LinkButton href="/staff/broadcasts/testers">テスト送信先</LinkButton>
            </>
          ) : undefined
        }
      />
      <form method="get" action="/staff/broadcasts" className="mb-4 flex flex-wrap items-end gap-4" role="search" aria-label="配信を探す">
        {filter.status ? <input type="hidden" name="status" value={filter.status} /> : null}
        <div>
          <label htmlFor="q" className="mb-1 block text-std-16B-170">
            件名
          </label>
          <input id="q" name="q" defaultValue={filter.q ?? ""} className="rounded-8 border border-solid-gray-600 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="from" className="mb-1 block text-std-16B-170">
            更新日（から）
          </label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} className="rounded-8 border border-solid-gray-600 px-3 py-2" />
        </div>
        <div>
          <label htmlFor="to" className="mb-1 block text-std-16B-170">
            更新日（まで）
          </label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} className="rounded-8 border border-solid-gray-600 px-3 py-2" />
        </div>
        <div className="flex items-center gap-2 pb-2">
          <input id="emergency" name="emergency" type="checkbox" value="1" defaultChecked={Boolean(filter.emergency)} className="size-6 accent-blue-900" />
          <label htmlFor="emergency">防災アラートのみ</label>
        </div>
        <Button type="submit" variant="secondary">
          絞り込む
        </Button>
      </form>
      <StatusFilter
        label="状態で絞り込む"
        path="/staff/broadcasts"
        current={filter.status}
        extra={extra}
        options={BROADCAST_STATUSES.map((s) => ({ value: s, label: BROADCAST_STATUS_LABELS[s].label }))}
      />
      <Table
        caption={`配信 ${formatNumber(result.total)}件`}
        rows={result.rows}
        rowKey={(row) => row.id}
        columns={[
          {
            key: "title",
            header: "件名",
            rowHeader: true,
            cell: (row) => (
              <>
                <TextLink href={`/staff/broadcasts/${row.id}`}>{row.title}</TextLink>
                {row.emergency ? <StatusBadge tone="error" className="ml-2">防災</StatusBadge> : null}
              </>
            ),
          },
          { key: "status", header: "状態", cell: (row) => <StatusBadge tone={BROADCAST_STATUS_LABELS[row.status].tone}>{BROADCAST_STATUS_LABELS[row.status].label}</StatusBadge> },
          { key: "target", header: "配信先", cell: (row) => row.targetLabel },
          {
            key: "delivery",
            header: "配信",
            cell: (row) => {
              const run = progress.get(row.id);
              if (!run) return row.nextRunAt && row.status === "APPROVED" ? `予定 ${formatDateTime(row.nextRunAt)}` : "—";
              return `${formatNumber(run.sent)} / ${formatNumber(run.recipients)}人${run.failed ? `（失敗 ${formatNumber(run.failed)}）` : ""}`;
            },
          },
          { key: "createdBy", header: "起案者", cell: (row) => row.createdBy.name },
          { key: "approvedBy", header: "承認者", cell: (row) => row.approvedBy?.name ?? "—" },
          { key: "updated", header: "更新", cell: (row) => formatDateTime(row.updatedAt) },
        ]}
      />
      <Pagination page={page} pageCount={result.pageCount} hrefFor={(p) => withParams("/staff/broadcasts", params, { page: p })} />
    </>
  );
}
