// /staff/settings/password — change one's own password (also the forced change after a reset).
import { requireStaff } from "@/lib/auth/staff-access";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { ChangePasswordForm } from "./change-password-form";

export const metadata = { title: "パスワードの変更" };

export default async function PasswordPage() {
  const staff = await requireStaff("account.self", { allowWhilePasswordChangeRequired: true });
  return (
    <>
      <PageHeader title="パスワードの変更" />
      {staff.mustChangePassword ? (
        <Alert tone="warning" title="新しいパスワードを設定してください">
          仮パスワードでログインしています。続けて利用するには、ご自身だけが知っている新しいパスワードを設定してください。
        </Alert>
      ) : null}
      <ChangePasswordForm minLength={PASSWORD_MIN_LENGTH} />
    </>
  );
}
