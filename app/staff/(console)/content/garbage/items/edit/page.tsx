// /staff/content/garbage/items/edit?id=… — change or delete an item (content.edit).
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { param, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { ItemForm } from "@/components/garbage/item-form";
import { ConfirmDelete } from "@/components/garbage/confirm-delete";
import { deleteGarbageItemAction, saveGarbageItemAction } from "../../actions";

export const metadata = { title: "品目の編集" };

export default async function EditGarbageItemPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("content.edit");
  const params = await searchParams;
  const id = Number(param(params, "id"));
  const item = Number.isInteger(id) && id > 0 ? await db.garbageItem.findUnique({ where: { id }, include: { dictionary: { select: { name: true } } } }) : null;
  const back = <TextLink href="/staff/content/garbage/items">品目の一覧に戻る</TextLink>;
  if (!item) {
    return (
      <>
        <PageHeader title="品目の編集" description={back} />
        <Alert tone="warning">{param(params, "id") ? "この品目は見つかりませんでした。" : "編集する品目が選ばれていません。"}一覧から選んでください。</Alert>
      </>
    );
  }
  const categories = await db.garbageCategory.findMany({ where: { dictionaryId: item.dictionaryId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] });
  return (
    <>
      <PageHeader title={`品目の編集：${item.name}`} description={<>{item.dictionary.name}の辞書　{back}</>} />
      {param(params, "saved") ? <Alert tone="success" live>品目を保存しました。</Alert> : null}
      {item.readingAuto ? <p className="mb-4 text-solid-gray-700">読み「{item.reading}」は自動で付けたものです。違っていれば直してください。</p> : null}
      <ItemForm
        dictionaryId={item.dictionaryId}
        categories={categories.map((c) => ({ value: String(c.id), label: c.name }))}
        initial={{ itemId: item.id, name: item.name, reading: item.reading, aliases: item.aliases.join("、"), categoryId: String(item.categoryId), notice: item.notice }}
        action={saveGarbageItemAction}
      />
      <section aria-labelledby="delete-heading" className="mt-10 max-w-3xl border-t border-solid-gray-420 pt-6">
        <h2 id="delete-heading" className="mb-3 text-std-18B-160">
          削除
        </h2>
        <ConfirmDelete formId={`delete-item-${item.id}`} fields={{ dictionaryId: item.dictionaryId, id: item.id }} name={item.name} what="品目" action={deleteGarbageItemAction} />
      </section>
    </>
  );
}
