// /staff/settings/staff/[id] — edit, deactivate or reactivate a staff account, reset its password.
import { notFound } from "next/navigation";
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { staffFormOptions } from "@/lib/staff/staff-form-options";
import { formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/staff/page-header";
import { StaffForm } from "@/components/staff/staff-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { TextLink } from "@/components/ui/text-link";
import { StaffAccountActions } from "./staff-account-actions";
import { updateStaffAction } from "../../actions";

export const metadata = { title: "職員の編集" };

export default async function EditStaffPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requireStaff("staff.manage");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const [staff, options] = await Promise.all([
    db.staff.findUnique({ where: { id }, include: { departments: true } }),
    staffFormOptions(db),
  ]);
  if (!staff) notFound();
  const openSessions = await db.staffSession.count({ where: { staffId: staff.id, endedAt: null } });
  return (
    <>
      <p className="mb-2">
        <TextLink href="/staff/settings/staff">‹ 職員の一覧</TextLink>
      </p>
      <PageHeader
        title={`${staff.name}さん`}
        description={
          <>
            {staff.email}　{staff.active ? <StatusBadge tone="success">有効</StatusBadge> : <StatusBadge>無効</StatusBadge>}
            <span className="ml-3">前回のログイン：{formatDateTime(staff.lastLoginAt)}</span>
          </>
        }
      />
      <section aria-labelledby="edit-heading" className="mb-10">
        <h2 id="edit-heading" className="mb-4 text-std-20B-150">
          氏名・役割・担当部署
        </h2>
        <StaffForm
          mode="edit"
          action={updateStaffAction}
          options={options}
          initial={{ staffId: staff.id, name: staff.name, email: staff.email, roles: staff.roles, departmentIds: staff.departments.map((d) => d.departmentId) }}
        />
      </section>
      <section aria-labelledby="account-heading">
        <h2 id="account-heading" className="mb-4 text-std-20B-150">
          アカウントの操作
        </h2>
        <StaffAccountActions staffId={staff.id} name={staff.name} active={staff.active} isSelf={staff.id === me.id} openSessions={openSessions} />
      </section>
    </>
  );
}
