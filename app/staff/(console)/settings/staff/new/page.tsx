// /staff/settings/staff/new — create a staff account (staff.manage).
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { staffFormOptions } from "@/lib/staff/staff-form-options";
import { PageHeader } from "@/components/staff/page-header";
import { StaffForm } from "@/components/staff/staff-form";
import { TextLink } from "@/components/ui/text-link";
import { createStaffAction } from "../../actions";

export const metadata = { title: "職員の追加" };

export default async function NewStaffPage() {
  await requireStaff("staff.manage");
  const options = await staffFormOptions(db);
  return (
    <>
      <p className="mb-2">
        <TextLink href="/staff/settings/staff">‹ 職員の一覧</TextLink>
      </p>
      <PageHeader title="職員の追加" description="作成すると仮パスワードを一度だけ表示します。本人は初回ログイン時に新しいパスワードを設定します。" />
      <StaffForm mode="create" action={createStaffAction} options={options} />
    </>
  );
}
