// /staff/applications — applications to review, limited to the reviewer's departments.
import { forbidden } from "next/navigation";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { applicationDepartmentScope } from "@/lib/auth/scope";
import { findApplications } from "@/lib/applications/find-applications";
import { APPLICATION_STATUSES, APPLICATION_STATUS_LABELS } from "@/lib/applications/statuses";
import { formatDateTime, formatNumber } from "@/lib/format";
import { oneOf, pageParam, param, withParams, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { StatusFilter } from "@/components/staff/status-filter";
import { Pagination } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";

export const metadata = { title: "申請" };

export default async function ApplicationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("applications.review");
  const scope = applicationDepartmentScope(staff);
  if (scope === null) forbidden();
  const params = await searchParams;
  const status = oneOf(param(params, "status"), [...APPLICATION_STATUSES, "open"] as const);
  const page = pageParam(params);
  const departments = await db.department.findMany({
    where: scope === "all" ? {} : { id: { in: scope } },
    orderBy: { code: "asc" },
    select: { id: true, name: true },
  });
  const result = await findApplications(db, { scope, status, page, pageSize: 50 });
  return (
    <>
      <PageHeader
        title="申請"
        description={
          scope === "all" ? "すべての部署に届いた申請です。" : `担当部署（${departments.map((d) => d.name).join("、") || "なし"}）に届いた申請です。`
        }
      />
      <StatusFilter
        label="状態で絞り込む"
        path="/staff/applications"
        current={status}
        options={[{ value: "open", label: "未処理" }, ...APPLICATION_STATUSES.map((s) => ({ value: s, label: APPLICATION_STATUS_LABELS[s].label }))]}
      />
      <Table
        caption={`申請 ${formatNumber(result.total)}件`}
        rows={result.rows}
        rowKey={(row) => row.id}
        columns={[
          { key: "ref", header: "受付番号", rowHeader: true, cell: (row) => <span className="tabular-nums">{row.referenceNo}</span> },
          { key: "form", header: "申請の種類", cell: (row) => row.formTitle },
          { key: "department", header: "担当部署", cell: (row) => row.department.name },
          { key: "status", header: "状態", cell: (row) => <StatusBadge tone={APPLICATION_STATUS_LABELS[row.status].tone}>{APPLICATION_STATUS_LABELS[row.status].label}</StatusBadge> },
          { key: "submitted", header: "受付日時", cell: (row) => formatDateTime(row.submittedAt) },
        ]}
      />
      <Pagination page={page} pageCount={result.pageCount} hrefFor={(p) => withParams("/staff/applications", params, { page: p })} />
    </>
  );
}
