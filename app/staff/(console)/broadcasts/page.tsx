// /staff/broadcasts — broadcasts and where each one is in its approval and delivery.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { findBroadcasts } from "@/lib/broadcasts/find-broadcasts";
import { BROADCAST_STATUSES, BROADCAST_STATUS_LABELS } from "@/lib/broadcasts/statuses";
import { formatDateTime, formatNumber } from "@/lib/format";
import { oneOf, pageParam, param, withParams, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { StatusFilter } from "@/components/staff/status-filter";
import { Pagination } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";

export const metadata = { title: "配信" };

export default async function BroadcastsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("broadcasts.view");
  const params = await searchParams;
  const status = oneOf(param(params, "status"), BROADCAST_STATUSES);
  const page = pageParam(params);
  const result = await findBroadcasts(db, { status, page, pageSize: 50 });
  return (
    <>
      <PageHeader title="配信" description="住民へのお知らせ配信の一覧です。配信は起案した職員とは別の承認者が承認してから送られます。" />
      <StatusFilter
        label="状態で絞り込む"
        path="/staff/broadcasts"
        current={status}
        options={BROADCAST_STATUSES.map((s) => ({ value: s, label: BROADCAST_STATUS_LABELS[s].label }))}
      />
      <Table
        caption={`配信 ${formatNumber(result.total)}件`}
        rows={result.rows}
        rowKey={(row) => row.id}
        columns={[
          { key: "title", header: "件名", rowHeader: true, cell: (row) => row.title },
          { key: "status", header: "状態", cell: (row) => <StatusBadge tone={BROADCAST_STATUS_LABELS[row.status].tone}>{BROADCAST_STATUS_LABELS[row.status].label}</StatusBadge> },
          { key: "createdBy", header: "起案者", cell: (row) => row.createdBy.name },
          { key: "approvedBy", header: "承認者", cell: (row) => row.approvedBy?.name ?? "—" },
          { key: "submitted", header: "承認依頼", cell: (row) => formatDateTime(row.submittedAt) },
          { key: "updated", header: "更新", cell: (row) => formatDateTime(row.updatedAt) },
        ]}
      />
      <Pagination page={page} pageCount={result.pageCount} hrefFor={(p) => withParams("/staff/broadcasts", params, { page: p })} />
    </>
  );
}
