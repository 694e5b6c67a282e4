// /staff/content/nurseries/new — add a facility (content.edit).
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { PageHeader } from "@/components/staff/page-header";
import { TextLink } from "@/components/ui/text-link";
import { FacilityForm } from "@/components/nursery/facility-form";
import { saveNurseryFacilityAction } from "../actions";

export const metadata = { title: "保育施設の追加" };

export default async function NewNurseryPage() {
  await requireStaff("content.edit");
  const districts = await db.district.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, name: true } });
  return (
    <>
      <PageHeader title="保育施設の追加" description={<TextLink href="/staff/content/nurseries">施設の一覧に戻る</TextLink>} />
      <FacilityForm initial={{}} districts={districts.map((d) => ({ value: String(d.id), label: d.name }))} action={saveNurseryFacilityAction} />
    </>
  );
}
