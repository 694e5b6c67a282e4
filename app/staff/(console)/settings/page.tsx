// /staff/settings — the signed-in staff member's own account.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { PERMISSIONS, ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";

export const metadata = { title: "設定" };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const staff = await requireStaff("account.self");
  const params = await searchParams;
  const record = await db.staff.findUniqueOrThrow({
    where: { id: staff.id },
    include: { departments: { include: { department: true } } },
  });
  return (
    <>
      <PageHeader title="設定" description="ご自身のアカウントの情報です。" />
      {params.changed === "password" ? (
        <Alert tone="success" live>
          パスワードを変更しました。ほかの端末でのログインは終了しました。
        </Alert>
      ) : null}
      <section aria-labelledby="account-heading" className="mb-10">
        <h2 id="account-heading" className="mb-4 text-std-20B-150">
          アカウント
        </h2>
        <dl className="grid gap-x-8 gap-y-3 sm:grid-cols-[10rem_1fr]">
          <dt className="font-bold">氏名</dt>
          <dd>{record.name}</dd>
          <dt className="font-bold">メールアドレス</dt>
          <dd>{record.email}</dd>
          <dt className="font-bold">所属部署</dt>
          <dd>{record.departments.map((d) => d.department.name).join("、") || "—"}</dd>
          <dt className="font-bold">前回のログイン</dt>
          <dd>{formatDateTime(record.lastLoginAt)}</dd>
          <dt className="font-bold">パスワードの変更日</dt>
          <dd>{formatDateTime(record.passwordChangedAt)}</dd>
        </dl>
        <div className="mt-6 flex flex-wrap gap-3">
          <LinkButton href="/staff/settings/password" variant="primary">
            パスワードを変更する
          </LinkButton>
          {staff.can("staff.manage") ? <LinkButton href="/staff/settings/staff">職員の管理</LinkButton> : null}
        </div>
      </section>
      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading" className="mb-4 text-std-20B-150">
          役割とできること
        </h2>
        <ul className="mb-4 space-y-2">
          {record.roles.map((role) => (
            <li key={role}>
              <span className="font-bold">{ROLE_LABELS[role]}</span>：{ROLE_DESCRIPTIONS[role]}
            </li>
          ))}
        </ul>
        <details className="rounded-8 border border-solid-gray-420 p-4">
          <summary className="cursor-pointer font-bold">権限の一覧を見る</summary>
          <ul className="mt-3 list-disc space-y-1 pl-6">
            {[...staff.permissions].map((permission) => (
              <li key={permission}>{PERMISSIONS[permission]}</li>
            ))}
          </ul>
        </details>
      </section>
    </>
  );
}
