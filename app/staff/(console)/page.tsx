// /staff — dashboard.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { applicationDepartmentScope } from "@/lib/auth/scope";
import { getDashboardStats } from "@/lib/dashboard/get-dashboard-stats";
import { PageHeader } from "@/components/staff/page-header";
import { StatCard } from "@/components/staff/stat-card";

export const metadata = { title: "ダッシュボード" };

export default async function DashboardPage() {
  const staff = await requireStaff("dashboard.view");
  const stats = await getDashboardStats(db, {
    canSeeBroadcasts: staff.can("broadcasts.view"),
    applicationDepartments: applicationDepartmentScope(staff),
  });
  return (
    <>
      <PageHeader title="ダッシュボード" description={`${staff.name}さん、お疲れさまです。現在の状況です。`} />
      <section aria-labelledby="residents-heading" className="mb-10">
        <h2 id="residents-heading" className="mb-4 text-std-20B-150">
          LINE の友だち
        </h2>
        <div className="grid gap-4 sm:grid-cols-3">
          <StatCard label="友だち" value={stats.friends} unit="人" note="ブロック中の方を除きます" />
          <StatCard label="住民登録済み" value={stats.registered} unit="人" note="友だちのうち登録フォームに回答した方" />
          <StatCard label="ブロック中" value={stats.blocked} unit="人" note="配信の対象外です" />
        </div>
      </section>
      {stats.broadcastsAwaitingApproval !== null || stats.openApplications !== null ? (
        <section aria-labelledby="todo-heading">
          <h2 id="todo-heading" className="mb-4 text-std-20B-150">
            対応が必要なもの
          </h2>
          <div className="grid gap-4 sm:grid-cols-2">
            {stats.broadcastsAwaitingApproval !== null ? (
              <StatCard label="承認待ちの配信" value={stats.broadcastsAwaitingApproval} unit="件" href="/staff/broadcasts?status=PENDING_APPROVAL" />
            ) : null}
            {stats.openApplications !== null ? (
              <StatCard
                label="未処理の申請"
                value={stats.openApplications}
                unit="件"
                href="/staff/applications?status=open"
                note={staff.can("applications.review-all") ? "すべての部署" : "担当部署のみ"}
              />
            ) : null}
          </div>
        </section>
      ) : null}
    </>
  );
}
