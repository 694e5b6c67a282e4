// /staff/content/garbage/areas/edit?id=… — an area's collection days, centre and districts (content.edit).
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { param, type SearchParams } from "@/lib/http/search-params";
import { describeRule, parseRule } from "@/lib/garbage/schedule";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { AreaForm } from "@/components/garbage/area-forms";
import { ConfirmDelete } from "@/components/garbage/confirm-delete";
import { deleteGarbageAreaAction, saveGarbageAreaAction } from "../../actions";

export const metadata = { title: "地区と収集日の編集" };

export default async function EditGarbageAreaPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("content.edit");
  const params = await searchParams;
  const id = Number(param(params, "id"));
  const area = Number.isInteger(id) && id > 0 ? await db.garbageArea.findUnique({ where: { id }, include: { rules: true, districts: true, dictionary: { select: { name: true } } } }) : null;
  const back = <TextLink href="/staff/content/garbage/areas">地区の一覧に戻る</TextLink>;
  if (!area) {
    return (
      <>
        <PageHeader title="地区と収集日の編集" description={back} />
        <Alert tone="warning">{param(params, "id") ? "この地区は見つかりませんでした。" : "編集する地区が選ばれていません。"}一覧から選んでください。</Alert>
      </>
    );
  }
  const [categories, centers, schools, mappedElsewhere] = await Promise.all([
    db.garbageCategory.findMany({ where: { dictionaryId: area.dictionaryId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], include: { scheduleCategory: { select: { name: true } } } }),
    db.garbageCenter.findMany({ where: { dictionaryId: area.dictionaryId }, orderBy: { name: "asc" } }),
    db.schoolDistrict.findMany({ orderBy: { sortOrder: "asc" }, include: { districts: { orderBy: { sortOrder: "asc" } } } }),
    db.garbageAreaDistrict.findMany({ where: { dictionaryId: area.dictionaryId, areaId: { not: area.id } }, include: { area: { select: { name: true } } } }),
  ]);
  const patterns = new Map(area.rules.map((r) => [r.categoryId, r.pattern]));
  const elsewhere = new Map(mappedElsewhere.map((m) => [m.districtId, m.area.name]));
  return (
    <>
      <PageHeader title={`地区の編集：${area.groupName ? `${area.groupName} ` : ""}${area.name}`} description={<>{area.dictionary.name}の辞書　{back}</>} />
      {param(params, "created") ? <Alert tone="success" live>地区を追加しました。収集日を入力して保存してください。</Alert> : null}
      <AreaForm
        dictionaryId={area.dictionaryId}
        area={{ id: area.id, name: area.name, centerId: area.centerId ? String(area.centerId) : "", districtIds: area.districts.map((d) => String(d.districtId)) }}
        categories={categories.map((c) => {
          const pattern = patterns.get(c.id) ?? "";
          const parsed = pattern ? parseRule(pattern) : null;
          return { id: c.id, name: c.name, pattern, ruleText: parsed?.ok ? describeRule(parsed.rule) : "", followsName: c.scheduleCategory?.name };
        })}
        centers={centers.map((c) => ({ value: String(c.id), label: c.name }))}
        districtGroups={schools
          .filter((s) => s.districts.length > 0)
          .map((s) => ({
            legend: s.name,
            options: s.districts.map((d) => ({ value: String(d.id), label: d.name, description: elsewhere.has(d.id) ? `いまは「${elsewhere.get(d.id)}」` : undefined })),
          }))}
        action={saveGarbageAreaAction}
      />
      <section aria-labelledby="delete-heading" className="mt-10 max-w-3xl border-t border-solid-gray-420 pt-6">
        <h2 id="delete-heading" className="mb-3 text-std-18B-160">
          削除
        </h2>
        <ConfirmDelete formId={`delete-area-${area.id}`} fields={{ dictionaryId: area.dictionaryId, id: area.id }} name={area.name} what="地区" action={deleteGarbageAreaAction} />
      </section>
    </>
  );
}
