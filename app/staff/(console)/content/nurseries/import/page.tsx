// /staff/content/nurseries/import — papamama GeoJSON or open-data CSV (content.edit).
import { requireStaff } from "@/lib/auth/staff-access";
import { PageHeader } from "@/components/staff/page-header";
import { TextLink } from "@/components/ui/text-link";
import { NurseryImportForm } from "@/components/nursery/nursery-import-form";
import { importNurseriesAction } from "../actions";

export const metadata = { title: "保育施設データの取り込み" };

export default async function NurseryImportPage() {
  await requireStaff("content.edit");
  return (
    <>
      <PageHeader title="保育施設データの取り込み" description={<TextLink href="/staff/content/nurseries">施設の一覧に戻る</TextLink>} />
      <NurseryImportForm action={importNurseriesAction} />
    </>
  );
}
