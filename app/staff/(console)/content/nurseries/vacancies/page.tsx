// /staff/content/nurseries/vacancies — the monthly update of vacancies per age class.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { pageParam, param, withParams, type SearchParams } from "@/lib/http/search-params";
import { findFacilities } from "@/lib/nursery/manage";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { VacancyGrid } from "@/components/nursery/vacancy-grid";
import { NurseryNav } from "../nursery-nav";
import { updateNurseryVacanciesAction } from "../actions";

export const metadata = { title: "保育施設の空き状況の更新" };

function thisMonth(): string {
  const jst = new Date(Date.now() + 9 * 3_600_000);
  return `${jst.getUTCFullYear()}-${String(jst.getUTCMonth() + 1).padStart(2, "0")}`;
}

export default async function NurseryVacanciesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("content.view");
  const params = await searchParams;
  const q = param(params, "q");
  const page = pageParam(params);
  const result = await findFacilities(db, { q, page, pageSize: 20 });
  return (
    <>
      <PageHeader title="空き状況の更新" description="毎月、クラスごとの空き状況を入力します。住民の検索の「空きあり」と施設の詳細に表示されます。" />
      <NurseryNav current="/staff/content/nurseries/vacancies" />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-4">
        <TextField label="施設名・所在地で探す" name="q" defaultValue={q ?? ""} className="min-w-64 flex-1" />
        <div className="mb-6">
          <Button type="submit" variant="secondary">
            絞り込む
          </Button>
        </div>
      </form>
      {!staff.can("content.edit") ? <Alert tone="info">空き状況を変更する権限がありません。閲覧のみできます。</Alert> : null}
      {result.rows.length === 0 ? (
        <Alert tone="info">当てはまる施設はありません。</Alert>
      ) : (
        <VacancyGrid
          asOf={thisMonth()}
          rows={result.rows.map((f) => ({
            id: f.id,
            name: f.name,
            minClass: Math.min(5, Math.floor(f.minAgeMonths / 12)),
            maxClass: f.maxAgeClass,
            asOf: f.vacancies[0] ? `${f.vacancies[0].asOf.getUTCFullYear()}年${f.vacancies[0].asOf.getUTCMonth() + 1}月` : "",
            cells: Object.fromEntries(f.vacancies.map((v) => [v.ageClass, { status: v.status, places: v.places === null ? "" : String(v.places) }])),
          }))}
          action={updateNurseryVacanciesAction}
        />
      )}
      <Pagination page={page} pageCount={result.pageCount} hrefFor={(p) => withParams("/staff/content/nurseries/vacancies", params, { page: p })} />
    </>
  );
}
