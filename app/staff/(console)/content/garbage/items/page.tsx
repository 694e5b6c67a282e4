// /staff/content/garbage/items — the dictionary's items, searchable and filtered by category.
import Link from "next/link";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { pageParam, param, withParams, type SearchParams } from "@/lib/http/search-params";
import { findItems } from "@/lib/garbage/manage";
import { formatNumber } from "@/lib/format";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { Button, LinkButton } from "@/components/ui/button";
import { Select, TextField } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { GarbageNav } from "@/components/garbage/garbage-nav";
import { CategoryLabel } from "@/components/garbage/category-label";
import { dictionaryFromParams } from "../dictionary";

export const metadata = { title: "ごみ分別の品目" };

export default async function GarbageItemsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const { dictionary } = await dictionaryFromParams(params);
  if (!dictionary) {
    return (
      <>
        <PageHeader title="品目" />
        <Alert tone="info">辞書がまだありません。ごみ分別の概要から取り込んでください。</Alert>
      </>
    );
  }
  const q = param(params, "q");
  const categoryId = Number(param(params, "category")) || undefined;
  const page = pageParam(params);
  const [result, categories] = await Promise.all([
    findItems(db, { dictionaryId: dictionary.id, q, categoryId, page, pageSize: 50 }),
    db.garbageCategory.findMany({ where: { dictionaryId: dictionary.id }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
  ]);
  return (
    <>
      <PageHeader
        title={`品目（${dictionary.name}）`}
        description="住民が調べる品目と、その分別区分・出し方です。"
        actions={
          staff.can("content.edit") ? (
            <LinkButton href={`/staff/content/garbage/items/new${dictionary.active ? "" : `?d=${dictionary.slug}`}`} variant="primary">
              品目を追加する
            </LinkButton>
          ) : null
        }
      />
      <GarbageNav current="/staff/content/garbage/items" dictionarySlug={dictionary.active ? undefined : dictionary.slug} />
      {param(params, "deleted") ? <Alert tone="success" live>品目を削除しました。</Alert> : null}
      <form method="get" className="mb-4 flex flex-wrap items-end gap-4">
        {dictionary.active ? null : <input type="hidden" name="d" value={dictionary.slug} />}
        <TextField label="品目名・読みで探す" name="q" defaultValue={q ?? ""} className="min-w-64 flex-1" />
        <Select label="分別区分" name="category" options={categories.map((c) => ({ value: String(c.id), label: c.name }))} placeholder="すべて" defaultValue={categoryId ? String(categoryId) : ""} />
        <div className="mb-6">
          <Button type="submit" variant="secondary">
            絞り込む
          </Button>
        </div>
      </form>
      <Table
        caption={`品目 ${formatNumber(result.total)}件`}
        rows={result.rows}
        rowKey={(row) => String(row.id)}
        empty="当てはまる品目はありません。"
        columns={[
          { key: "name", header: "品目名", rowHeader: true, cell: (row) => (staff.can("content.edit") ? <Link href={`/staff/content/garbage/items/edit?id=${row.id}`}>{row.name}</Link> : row.name) },
          { key: "reading", header: "読み", cell: (row) => row.reading || "—" },
          { key: "category", header: "分別区分", cell: (row) => <CategoryLabel name={row.category.name} colour={row.category.colour} /> },
          { key: "aliases", header: "別名", cell: (row) => row.aliases.join("、") || "—" },
          { key: "notice", header: "出し方の注意", cell: (row) => (row.notice ? <span className="line-clamp-2 max-w-md">{row.notice}</span> : "—") },
        ]}
      />
      <Pagination page={page} pageCount={result.pageCount} hrefFor={(p) => withParams("/staff/content/garbage/items", params, { page: p })} />
    </>
  );
}
