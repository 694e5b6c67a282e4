// /staff/content/garbage/areas — collection areas (5374 area_days.csv) and their collection days.
import Link from "next/link";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { pageParam, param, withParams, type SearchParams } from "@/lib/http/search-params";
import { findAreas } from "@/lib/garbage/manage";
import { describeRule, parseRule } from "@/lib/garbage/schedule";
import { formatNumber } from "@/lib/format";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { GarbageNav } from "@/components/garbage/garbage-nav";
import { NewAreaForm } from "@/components/garbage/area-forms";
import { dictionaryFromParams } from "../dictionary";
import { createGarbageAreaAction } from "../actions";

export const metadata = { title: "ごみ収集の地区と収集日" };

function ruleText(pattern: string): string {
  const parsed = parseRule(pattern);
  return parsed.ok ? describeRule(parsed.rule) : pattern;
}

export default async function GarbageAreasPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const { dictionary } = await dictionaryFromParams(params);
  if (!dictionary) {
    return (
      <>
        <PageHeader title="地区と収集日" />
        <Alert tone="info">辞書がまだありません。ごみ分別の概要から取り込んでください。</Alert>
      </>
    );
  }
  const q = param(params, "q");
  const page = pageParam(params);
  const result = await findAreas(db, { dictionaryId: dictionary.id, q, page, pageSize: 30 });
  const canEdit = staff.can("content.edit");
  return (
    <>
      <PageHeader title={`地区と収集日（${dictionary.name}）`} description="地区ごとの収集日と、その地区に含まれる市の町丁目です。登録した住民の町丁目から収集日を案内します。" />
      <GarbageNav current="/staff/content/garbage/areas" dictionarySlug={dictionary.active ? undefined : dictionary.slug} />
      {param(params, "deleted") ? <Alert tone="success" live>地区を削除しました。</Alert> : null}
      <form method="get" className="mb-4 flex flex-wrap items-end gap-4">
        {dictionary.active ? null : <input type="hidden" name="d" value={dictionary.slug} />}
        <TextField label="地区名で探す" name="q" defaultValue={q ?? ""} className="min-w-64 flex-1" />
        <div className="mb-6">
          <Button type="submit" variant="secondary">
            絞り込む
          </Button>
        </div>
      </form>
      <Table
        caption={`地区 ${formatNumber(result.total)}件`}
        rows={result.rows}
        rowKey={(a) => String(a.id)}
        empty="当てはまる地区はありません。"
        columns={[
          {
            key: "name",
            header: "地区",
            rowHeader: true,
            cell: (a) => {
              const label = a.groupName ? `${a.groupName} ${a.name}` : a.name;
              return canEdit ? <Link href={`/staff/content/garbage/areas/edit?id=${a.id}`}>{label}</Link> : label;
            },
          },
          {
            key: "rules",
            header: "収集日",
            cell: (a) => (
              <ul className="space-y-1">
                {[...a.rules]
                  .sort((x, y) => x.category.sortOrder - y.category.sortOrder)
                  .map((r) => (
                    <li key={r.id}>
                      {r.category.name}：{ruleText(r.pattern)}
                    </li>
                  ))}
              </ul>
            ),
          },
          { key: "center", header: "センター", cell: (a) => a.center?.name ?? "—" },
          { key: "districts", header: "町丁目", align: "right", cell: (a) => a._count.districts },
        ]}
      />
      <Pagination page={page} pageCount={result.pageCount} hrefFor={(p) => withParams("/staff/content/garbage/areas", params, { page: p })} />
      {canEdit ? (
        <section aria-labelledby="new-area" className="mt-10">
          <h2 id="new-area" className="mb-4 text-std-20B-150">
            地区を追加する
          </h2>
          <NewAreaForm dictionaryId={dictionary.id} action={createGarbageAreaAction} />
        </section>
      ) : null}
    </>
  );
}
