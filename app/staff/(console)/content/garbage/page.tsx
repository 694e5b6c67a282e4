// /staff/content/garbage — ごみ分別: the dictionaries (which one residents use), counts, a search to
// try what residents would get, and 5374 import/export.
import Link from "next/link";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { param, type SearchParams } from "@/lib/http/search-params";
import { searchGarbage } from "@/lib/garbage/search";
import { formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/staff/page-header";
import { StatCard } from "@/components/staff/stat-card";
import { Alert } from "@/components/ui/alert";
import { Button, LinkButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table } from "@/components/ui/table";
import { GarbageNav } from "@/components/garbage/garbage-nav";
import { CategoryLabel } from "@/components/garbage/category-label";
import { dictionaryFromParams } from "./dictionary";
import { ActivateButton } from "./activate-button";

export const metadata = { title: "ごみ分別" };

const EXPORT_FILES = ["target.csv", "area_days.csv", "description.csv", "center.csv", "remarks.csv"];

export default async function GarbagePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const { dictionary, all } = await dictionaryFromParams(params);
  const canEdit = staff.can("content.edit");
  const header = (
    <PageHeader
      title="ごみ分別"
      description="住民がトークや LIFF で調べる「これは何ごみ？」の辞書と、地区ごとの収集日です。"
      actions={canEdit ? <LinkButton href="/staff/content/garbage/import" variant="primary">5374 形式で取り込む</LinkButton> : null}
    />
  );
  if (!dictionary) {
    return (
      <>
        {header}
        <Alert tone="info" title="辞書がまだありません">
          5374 形式（target.csv、area_days.csv など）のファイルを取り込むと使えるようになります。
        </Alert>
      </>
    );
  }
  const q = param(params, "q");
  const [counts, result] = await Promise.all([
    Promise.all([
      db.garbageItem.count({ where: { dictionaryId: dictionary.id } }),
      db.garbageCategory.count({ where: { dictionaryId: dictionary.id } }),
      db.garbageArea.count({ where: { dictionaryId: dictionary.id } }),
      db.garbageSynonym.count({ where: { dictionaryId: dictionary.id } }),
      db.garbageUnansweredQuery.count({ where: { dictionaryId: dictionary.id, resolvedAt: null } }),
      db.garbageDictionary.findUnique({ where: { id: dictionary.id }, select: { source: true, importedAt: true, updatedAt: true } }),
    ]),
    q ? searchGarbage(db, { dictionaryId: dictionary.id, query: q, limit: 8 }) : null,
  ]);
  const [items, categories, areas, synonyms, unanswered, info] = counts;
  const d = dictionary.active ? "" : `?d=${encodeURIComponent(dictionary.slug)}`;
  return (
    <>
      {header}
      <GarbageNav current="/staff/content/garbage" dictionarySlug={dictionary.active ? undefined : dictionary.slug} />

      <Table
        caption="辞書"
        rows={all}
        rowKey={(row) => String(row.id)}
        columns={[
          {
            key: "name",
            header: "名前",
            rowHeader: true,
            cell: (row) => (row.id === dictionary.id ? <span aria-current="true">{row.name}（表示中）</span> : <Link href={`/staff/content/garbage?d=${encodeURIComponent(row.slug)}`}>{row.name}</Link>),
          },
          { key: "slug", header: "識別名", cell: (row) => <code>{row.slug}</code> },
          { key: "state", header: "状態", cell: (row) => (row.active ? <StatusBadge tone="success">住民が使用中</StatusBadge> : <StatusBadge tone="neutral">未使用</StatusBadge>) },
          { key: "version", header: "版", align: "right", cell: (row) => row.version },
          { key: "actions", header: "操作", cell: (row) => (canEdit && !row.active ? <ActivateButton dictionaryId={row.id} name={row.name} /> : "—") },
        ]}
      />

      <h2 className="mb-4 mt-10 text-std-20B-150">「{dictionary.name}」の内容</h2>
      <div className="mb-2 grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
        <StatCard label="品目" value={items} unit="件" href={`/staff/content/garbage/items${d}`} />
        <StatCard label="分別区分" value={categories} unit="件" href={`/staff/content/garbage/categories${d}`} />
        <StatCard label="地区" value={areas} unit="件" href={`/staff/content/garbage/areas${d}`} />
        <StatCard label="言い換え" value={synonyms} unit="件" href={`/staff/content/garbage/synonyms${d}`} />
        <StatCard label="答えられなかった質問" value={unanswered} unit="件" href={`/staff/content/garbage/unanswered${d}`} note="未対応" />
      </div>
      <p className="mb-10 text-dns-16N-130 text-solid-gray-600">
        出典：{info?.source ?? "—"}　取り込み：{formatDateTime(info?.importedAt)}　最終更新：{formatDateTime(info?.updatedAt)}
      </p>

      <section aria-labelledby="try-heading" className="mb-10 rounded-12 border border-solid-gray-420 p-5">
        <h2 id="try-heading" className="mb-4 text-std-20B-150">
          住民と同じように調べる
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-4">
          {dictionary.active ? null : <input type="hidden" name="d" value={dictionary.slug} />}
          <TextField label="住民が送る言葉" name="q" defaultValue={q ?? ""} className="min-w-72 flex-1" hint="ひらがな・カタカナ・文章でも調べられます（例：ぺっとぼとるのふた、スマホは何ごみ？）。" />
          <div className="mb-6">
            <Button type="submit" variant="secondary">
              調べる
            </Button>
          </div>
        </form>
        {result ? (
          <div aria-live="polite">
            {result.answers.length === 0 ? (
              <p className="text-std-17B-170">見つかりませんでした。住民には「見つかりませんでした」と答え、この言葉を「答えられなかった質問」に記録します。</p>
            ) : (
              <>
                <p className="mb-3 text-std-17B-170">
                  {result.ambiguous
                    ? `大きさや素材で分け方が変わるため、${result.answers.length} 件の選択肢を示します。`
                    : `「${result.answers[0]!.name}」として答えます。`}
                  <span className="ml-2 text-dns-16N-130 text-solid-gray-600">（調べた言葉：{result.core}）</span>
                </p>
                <Table
                  caption="検索結果（上ほど近い）"
                  rows={result.hits}
                  rowKey={(h) => String(h.itemId)}
                  columns={[
                    { key: "name", header: "品目", rowHeader: true, cell: (h) => (canEdit ? <Link href={`/staff/content/garbage/items/edit?id=${h.itemId}`}>{h.name}</Link> : h.name) },
                    { key: "category", header: "分別区分", cell: (h) => <CategoryLabel name={h.categoryName} colour={h.colour} /> },
                    { key: "answer", header: "答え", cell: (h) => (result.answers.some((a) => a.itemId === h.itemId) ? <StatusBadge tone="info">答えに含む</StatusBadge> : "—") },
                    { key: "score", header: "一致度", align: "right", cell: (h) => h.score },
                  ]}
                />
              </>
            )}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="export-heading" className="mb-6">
        <h2 id="export-heading" className="mb-2 text-std-20B-150">
          5374 形式で書き出す
        </h2>
        <p className="mb-4 text-solid-gray-700">5374.jp などのアプリで使える CSV（UTF-8）です。ファイルごとにダウンロードします。</p>
        <ul className="flex flex-wrap gap-3">
          {EXPORT_FILES.map((file) => (
            <li key={file}>
              <LinkButton href={`/staff/content/garbage/export?file=${file}&d=${encodeURIComponent(dictionary.slug)}`} download size="sm">
                {file}
              </LinkButton>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
