// /staff/inbox/templates — 返信の定型文: prepared answers staff start replies from.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { PageHeader } from "@/components/staff/page-header";
import { TextLink } from "@/components/ui/text-link";
import { ReplyTemplateEditor } from "@/components/inbox/reply-template-editor";
import { deleteReplyTemplateAction, saveReplyTemplateAction } from "../actions";

export const metadata = { title: "返信の定型文" };

export default async function ReplyTemplatesPage() {
  await requireStaff("inbox.reply");
  const templates = await db.replyTemplate.findMany({ orderBy: [{ sortOrder: "asc" }, { title: "asc" }] });
  return (
    <>
      <PageHeader
        title="返信の定型文"
        description={
          <>
            相談窓口の返信で使う文章です。返信の画面で選ぶと本文に入ります。<TextLink href="/staff/inbox">受信箱に戻る</TextLink>
          </>
        }
      />
      <ReplyTemplateEditor templates={templates.map((t) => ({ id: t.id, title: t.title, body: t.body, sortOrder: t.sortOrder }))} saveAction={saveReplyTemplateAction} deleteAction={deleteReplyTemplateAction} />
    </>
  );
}
