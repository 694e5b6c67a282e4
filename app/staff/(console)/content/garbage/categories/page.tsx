// /staff/content/garbage/categories — sorting categories (5374 description.csv).
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { param, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { Table } from "@/components/ui/table";
import { GarbageNav } from "@/components/garbage/garbage-nav";
import { CategoryLabel } from "@/components/garbage/category-label";
import { CategoryForm } from "@/components/garbage/category-form";
import { ConfirmDelete } from "@/components/garbage/confirm-delete";
import { dictionaryFromParams } from "../dictionary";
import { deleteGarbageCategoryAction, saveGarbageCategoryAction } from "../actions";

export const metadata = { title: "ごみの分別区分" };

export default async function GarbageCategoriesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const { dictionary } = await dictionaryFromParams(params);
  if (!dictionary) {
    return (
      <>
        <PageHeader title="分別区分" />
        <Alert tone="info">辞書がまだありません。ごみ分別の概要から取り込んでください。</Alert>
      </>
    );
  }
  const categories = await db.garbageCategory.findMany({
    where: { dictionaryId: dictionary.id },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    include: { scheduleCategory: { select: { name: true } }, _count: { select: { items: true, rules: true } } },
  });
  const canEdit = staff.can("content.edit");
  const options = categories.map((c) => ({ value: String(c.id), label: c.name }));
  return (
    <>
      <PageHeader title={`分別区分（${dictionary.name}）`} description="燃やすごみ・資源など、品目の分け方です。" />
      <GarbageNav current="/staff/content/garbage/categories" dictionarySlug={dictionary.active ? undefined : dictionary.slug} />
      {param(params, "deleted") ? (
        <Alert tone="success" live>
          分別区分を削除しました。
        </Alert>
      ) : null}
      <Table
        caption={`分別区分 ${categories.length}件`}
        rows={categories}
        rowKey={(c) => String(c.id)}
        columns={[
          { key: "name", header: "名前", rowHeader: true, cell: (c) => <CategoryLabel name={c.name} colour={c.colour} /> },
          { key: "items", header: "品目", align: "right", cell: (c) => c._count.items },
          { key: "schedule", header: "収集日", cell: (c) => (c.scheduleCategory ? `「${c.scheduleCategory.name}」と同じ日` : c._count.rules ? `${c._count.rules} 地区で設定` : "決まった収集日なし") },
          { key: "description", header: "説明", cell: (c) => c.description || "—" },
        ]}
      />
      {canEdit ? (
        <>
          <h2 className="mb-4 mt-10 text-std-20B-150">分別区分を変更する</h2>
          <ul className="space-y-3">
            {categories.map((c) => (
              <li key={c.id}>
                <details className="rounded-8 border border-solid-gray-420 p-4">
                  <summary className="cursor-pointer text-std-17B-170">「{c.name}」を変更・削除する</summary>
                  <div className="mt-4">
                    <CategoryForm
                      idPrefix={`category-${c.id}`}
                      dictionaryId={dictionary.id}
                      initial={{ categoryId: c.id, name: c.name, colour: c.colour, description: c.description, scheduleCategoryId: c.scheduleCategoryId ? String(c.scheduleCategoryId) : "" }}
                      scheduleOptions={options}
                      action={saveGarbageCategoryAction}
                    />
                    <div className="mt-6 border-t border-solid-gray-200 pt-4">
                      <ConfirmDelete formId={`delete-category-${c.id}`} fields={{ dictionaryId: dictionary.id, id: c.id }} name={c.name} what="分別区分" action={deleteGarbageCategoryAction} />
                    </div>
                  </div>
                </details>
              </li>
            ))}
          </ul>
          <h2 className="mb-4 mt-10 text-std-20B-150">分別区分を追加する</h2>
          <CategoryForm idPrefix="category-new" dictionaryId={dictionary.id} initial={{ name: "", colour: "#626264", description: "", scheduleCategoryId: "" }} scheduleOptions={options} action={saveGarbageCategoryAction} />
        </>
      ) : null}
    </>
  );
}
