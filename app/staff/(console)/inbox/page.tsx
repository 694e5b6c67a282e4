// /staff/inbox — 相談窓口. Conversations arrive through the LINE webhook; until the webhook is
// connected there is nothing to list, and the page says so plainly.
import { requireStaff } from "@/lib/auth/staff-access";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";

export const metadata = { title: "受信箱" };

export default async function InboxPage() {
  await requireStaff("inbox.reply");
  return (
    <>
      <PageHeader title="受信箱（相談窓口）" description="住民から LINE のトークで届いた相談・問い合わせに返信します。" />
      <Alert tone="info" title="受信箱はまだ利用できません">
        LINE の Webhook（トークの受信）を接続すると、住民からのメッセージがここに届きます。この版の Kairan には Webhook の受信機能がまだ含まれていません。
      </Alert>
    </>
  );
}
