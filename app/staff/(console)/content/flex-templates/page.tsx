// /staff/content/flex-templates — saved Flex messages that auto-replies can answer with.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { param, type SearchParams } from "@/lib/http/search-params";
import { formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";

export const metadata = { title: "Flex テンプレート" };

export default async function FlexTemplatesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const templates = await db.flexTemplate.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { rules: true } } } });
  return (
    <>
      <PageHeader
        title="Flex テンプレート"
        description="カードやボタンのあるメッセージ（Flex メッセージ）です。自動応答の返信に使えます。"
        actions={
          staff.can("content.edit") ? (
            <LinkButton href="/staff/content/flex-templates/new" variant="primary">
              テンプレートを追加する
            </LinkButton>
          ) : null
        }
      />
      {param(params, "deleted") ? <Alert tone="success" live>Flex テンプレートを削除しました。</Alert> : null}
      <Table
        caption={`Flex テンプレート ${templates.length}件`}
        rows={templates}
        rowKey={(t) => t.id}
        empty="Flex テンプレートはまだありません。"
        columns={[
          { key: "name", header: "名前", rowHeader: true, cell: (t) => <TextLink href={`/staff/content/flex-templates/edit?id=${t.id}`}>{t.name}</TextLink> },
          { key: "alt", header: "代替テキスト", cell: (t) => t.altText },
          { key: "rules", header: "使っている自動応答", align: "right", cell: (t) => `${t._count.rules}件` },
          { key: "updated", header: "更新日時", cell: (t) => formatDateTime(t.updatedAt) },
        ]}
      />
    </>
  );
}
