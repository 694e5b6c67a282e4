// /staff/content/flex-templates/edit?id=… — preview, change or delete a Flex template.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { param, type SearchParams } from "@/lib/http/search-params";
import { flexMessage } from "@/lib/line/messages";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { LinePreview } from "@/components/line-preview";
import { FlexTemplateForm } from "../template-form";
import { DeleteButton } from "../../auto-replies/delete-rule-button";
import { deleteFlexTemplateAction, saveFlexTemplateAction } from "../../actions";
import type { messagingApi } from "@line/bot-sdk";

export const metadata = { title: "Flex テンプレートの編集" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditFlexTemplatePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const id = param(params, "id");
  const template = id && UUID.test(id) ? await db.flexTemplate.findUnique({ where: { id } }) : null;
  const back = <TextLink href="/staff/content/flex-templates">Flex テンプレートの一覧に戻る</TextLink>;
  if (!template) {
    return (
      <>
        <PageHeader title="Flex テンプレート" description={back} />
        <Alert tone="warning">{id ? "この Flex テンプレートは見つかりませんでした。" : "テンプレートが選ばれていません。"}一覧から選んでください。</Alert>
      </>
    );
  }
  const municipality = await db.municipality.findUnique({ where: { id: 1 }, select: { name: true } });
  return (
    <>
      <PageHeader title={`Flex テンプレート：${template.name}`} description={back} />
      {param(params, "saved") ? <Alert tone="success" live>保存しました。LINE の確認も通りました。</Alert> : null}
      <div className="grid gap-8 xl:grid-cols-[minmax(0,1fr)_auto]">
        <div>
          {staff.can("content.edit") ? (
            <FlexTemplateForm initial={{ id: template.id, name: template.name, altText: template.altText, contents: JSON.stringify(template.contents, null, 2) }} action={saveFlexTemplateAction} />
          ) : (
            <pre className="overflow-auto rounded-8 bg-solid-gray-50 p-4 text-dns-14N-130">{JSON.stringify(template.contents, null, 2)}</pre>
          )}
        </div>
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading" className="mb-3 text-std-18B-160">
            プレビュー
          </h2>
          <LinePreview messages={[flexMessage(template.altText, template.contents as unknown as messagingApi.FlexContainer)]} title={municipality?.name ?? "LINE 公式アカウント"} />
        </section>
      </div>
      {staff.can("content.edit") ? (
        <section aria-labelledby="delete-heading" className="mt-10 max-w-3xl border-t border-solid-gray-420 pt-6">
          <h2 id="delete-heading" className="mb-3 text-std-18B-160">
            削除
          </h2>
          <DeleteButton id={template.id} name={template.name} what="テンプレート" action={deleteFlexTemplateAction} />
        </section>
      ) : null}
    </>
  );
}
