// /staff/broadcasts/new — compose a broadcast (saved as a draft; approval is requested from its page).
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { composerOptions } from "@/lib/broadcasts/composer-data";
import { PageHeader } from "@/components/staff/page-header";
import { BroadcastComposer } from "@/components/broadcasts/composer";
import { TextLink } from "@/components/ui/text-link";
import { saveBroadcastDraftAction } from "../actions";

export const metadata = { title: "配信の作成" };

export default async function NewBroadcastPage() {
  await requireStaff("broadcasts.draft");
  const options = await composerOptions(db);
  return (
    <>
      <p className="mb-2">
        <TextLink href="/staff/broadcasts">‹ 配信の一覧</TextLink>
      </p>
      <PageHeader title="配信の作成" description="下書きとして保存し、ほかの職員（承認者）の承認を受けてから配信します。" />
      <BroadcastComposer
        action={saveBroadcastDraftAction}
        {...options}
        initial={{ title: "", segmentId: null, variants: { ja: [{ type: "text", text: "" }] }, schedule: { kind: "NOW" }, notificationDisabled: false, sendDuringQuietHours: false }}
      />
    </>
  );
}
