// /staff/content/rich-menus/new (?from=<id> copies a menu into a new draft)
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { param, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { TextLink } from "@/components/ui/text-link";
import { RichMenuForm } from "../rich-menu-form";
import { emptyMenuValues, menuFormValues, templateOptions } from "../menu-values";
import { saveRichMenuAction } from "../../actions";

export const metadata = { title: "リッチメニューの作成" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function NewRichMenuPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("content.edit");
  const from = param(await searchParams, "from");
  const source = from && UUID.test(from) ? await db.richMenu.findUnique({ where: { id: from } }) : null;
  return (
    <>
      <PageHeader
        title="リッチメニューの作成"
        description={
          <>
            {source ? `「${source.name}」をもとに新しい下書きを作ります。自由配置のメニューは、画像をもう一度選んでください。` : "下書きとして保存し、内容を確認してから LINE に公開します。"}
            <TextLink href="/staff/content/rich-menus">リッチメニューの一覧に戻る</TextLink>
          </>
        }
      />
      <RichMenuForm initial={source ? menuFormValues(source, { copy: true }) : emptyMenuValues()} templates={templateOptions()} action={saveRichMenuAction} />
    </>
  );
}
