// /staff/content/nurseries/edit?id=… — change or delete a facility (content.edit).
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { param, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { FacilityForm } from "@/components/nursery/facility-form";
import { ConfirmDelete } from "@/components/garbage/confirm-delete";
import { deleteNurseryFacilityAction, saveNurseryFacilityAction } from "../actions";
import { facilityFormValues } from "../facility-values";

export const metadata = { title: "保育施設の編集" };

export default async function EditNurseryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff("content.edit");
  const params = await searchParams;
  const id = Number(param(params, "id"));
  const facility = Number.isInteger(id) && id > 0 ? await db.nurseryFacility.findUnique({ where: { id } }) : null;
  const back = <TextLink href="/staff/content/nurseries">施設の一覧に戻る</TextLink>;
  if (!facility) {
    return (
      <>
        <PageHeader title="保育施設の編集" description={back} />
        <Alert tone="warning">{param(params, "id") ? "この施設は見つかりませんでした。" : "編集する施設が選ばれていません。"}一覧から選んでください。</Alert>
      </>
    );
  }
  const districts = await db.district.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } });
  return (
    <>
      <PageHeader title={`保育施設の編集：${facility.name}`} description={back} />
      {param(params, "saved") ? <Alert tone="success" live>施設を保存しました。</Alert> : null}
      <FacilityForm initial={facilityFormValues(facility)} districts={districts.map((d) => ({ value: String(d.id), label: d.name }))} action={saveNurseryFacilityAction} />
      <section aria-labelledby="delete-heading" className="mt-10 max-w-3xl border-t border-solid-gray-420 pt-6">
        <h2 id="delete-heading" className="mb-3 text-std-18B-160">
          削除
        </h2>
        <ConfirmDelete formId={`delete-facility-${facility.id}`} fields={{ id: facility.id }} name={facility.name} what="施設" action={deleteNurseryFacilityAction} />
      </section>
    </>
  );
}
