// /staff/content/garbage/items/new — add an item to a dictionary (content.edit).
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import type { SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { ItemForm } from "@/components/garbage/item-form";
import { dictionaryFromParams } from "../../dictionary";
import { saveGarbageItemAction } from "../../actions";

export const metadata = { title: "品目の追加" };

export default async function NewGarbageItemPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("content.edit");
  const { dictionary } = await dictionaryFromParams(await searchParams);
  const back = <TextLink href="/staff/content/garbage/items">品目の一覧に戻る</TextLink>;
  if (!dictionary) {
    return (
      <>
        <PageHeader title="品目の追加" description={back} />
        <Alert tone="info">辞書がまだありません。ごみ分別の概要から取り込んでください。</Alert>
      </>
    );
  }
  const categories = await db.garbageCategory.findMany({ where: { dictionaryId: dictionary.id }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
  return (
    <>
      <PageHeader title={`品目の追加（${dictionary.name}）`} description={back} />
      <ItemForm
        dictionaryId={dictionary.id}
        categories={categories.map((c) => ({ value: String(c.id), label: c.name }))}
        initial={{ name: "", reading: "", aliases: "", categoryId: "", notice: "" }}
        action={saveGarbageItemAction}
      />
    </>
  );
}
