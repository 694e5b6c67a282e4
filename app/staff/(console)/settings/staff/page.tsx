// /staff/settings/staff — staff accounts (staff.manage).
import Link from "next/link";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { findStaff } from "@/lib/staff/find-staff";
import { formatDateTime, formatNumber } from "@/lib/format";
import { oneOf, pageParam, param, withParams, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { LinkButton } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { Pagination } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { cx } from "@/components/ui/cx";

export const metadata = { title: "職員の管理" };

const STATUSES = ["active", "inactive", "all"] as const;
const STATUS_LABELS = { active: "有効", inactive: "無効", all: "すべて" } as const;

export default async function StaffListPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("staff.manage");
  const params = await searchParams;
  const status = oneOf(param(params, "status"), STATUSES) ?? "active";
  const page = pageParam(params);
  const result = await findStaff(db, { status, page, pageSize: 50 });
  return (
    <>
      <PageHeader
        title="職員の管理"
        description="職員のアカウント、役割、担当部署を管理します。"
        actions={
          <LinkButton href="/staff/settings/staff/new" variant="primary">
            職員を追加する
          </LinkButton>
        }
      />
      <nav aria-label="表示する職員" className="mb-4">
        <ul className="flex flex-wrap gap-2">
          {STATUSES.map((s) => (
            <li key={s}>
              <Link
                href={withParams("/staff/settings/staff", {}, { status: s === "active" ? undefined : s })}
                aria-current={s === status ? "page" : undefined}
                className={cx(
                  "inline-flex min-h-11 items-center rounded-full border px-4 no-underline",
                  s === status ? "border-blue-900 bg-blue-900 text-white hover:text-white" : "border-solid-gray-600 text-solid-gray-800",
                )}
              >
                {STATUS_LABELS[s]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Table
        caption={`職員（${STATUS_LABELS[status]}）${formatNumber(result.total)}人`}
        rows={result.rows}
        rowKey={(row) => row.id}
        columns={[
          { key: "name", header: "氏名", rowHeader: true, cell: (row) => <Link href={`/staff/settings/staff/${row.id}`}>{row.name}</Link> },
          { key: "email", header: "メールアドレス", cell: (row) => row.email },
          { key: "roles", header: "役割", cell: (row) => row.roles.map((r) => ROLE_LABELS[r]).join("・") },
          { key: "departments", header: "担当部署", cell: (row) => row.departments.map((d) => d.department.name).join("、") || "—" },
          {
            key: "status",
            header: "状態",
            cell: (row) =>
              row.active ? (
                row.mustChangePassword ? <StatusBadge tone="warning">仮パスワード</StatusBadge> : <StatusBadge tone="success">有効</StatusBadge>
              ) : (
                <StatusBadge tone="neutral">無効</StatusBadge>
              ),
          },
          { key: "lastLogin", header: "前回のログイン", cell: (row) => formatDateTime(row.lastLoginAt) },
        ]}
      />
      <Pagination page={page} pageCount={result.pageCount} hrefFor={(p) => withParams("/staff/settings/staff", params, { page: p })} />
    </>
  );
}
