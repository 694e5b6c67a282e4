// /staff/broadcasts/[id]/edit — the author changes a draft or a returned broadcast.
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { composerOptions, composerValueOf } from "@/lib/broadcasts/composer-data";
import { EDITABLE_STATUSES } from "@/lib/broadcasts/statuses";
import { PageHeader } from "@/components/staff/page-header";
import { BroadcastComposer } from "@/components/broadcasts/composer";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { saveBroadcastDraftAction } from "../../actions";

export const metadata = { title: "配信の編集" };

export default async function EditBroadcastPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff("broadcasts.draft");
  const { id } = await params;
  const broadcast = z.uuid().safeParse(id).success ? await db.broadcast.findUnique({ where: { id } }) : null;
  if (!broadcast) {
    return (
      <>
        <p className="mb-2">
          <TextLink href="/staff/broadcasts">‹ 配信の一覧</TextLink>
        </p>
        <PageHeader title="配信が見つかりません" description="削除されたか、アドレスが正しくありません。一覧から選び直してください。" />
      </>
    );
  }
  const editable = broadcast.createdById === staff.id && (EDITABLE_STATUSES as readonly string[]).includes(broadcast.status);
  return (
    <>
      <p className="mb-2">
        <TextLink href={`/staff/broadcasts/${broadcast.id}`}>‹ 配信の画面へ戻る</TextLink>
      </p>
      <PageHeader title={`配信の編集：${broadcast.title}`} />
      {!editable ? (
        <Alert tone="warning" title="この配信は編集できません">
          編集できるのは、自分が作成した下書きか、差し戻された配信です。承認を依頼したあとの配信や送った配信は変更できません（「複製」で新しい下書きを作れます）。
        </Alert>
      ) : (
        <>
          {broadcast.status === "RETURNED" && broadcast.returnComment ? (
            <Alert tone="warning" title="差し戻しの理由">
              {broadcast.returnComment}
            </Alert>
          ) : null}
          <BroadcastComposer action={saveBroadcastDraftAction} broadcastId={broadcast.id} {...await composerOptions(db)} initial={composerValueOf(broadcast)} />
        </>
      )}
    </>
  );
}
