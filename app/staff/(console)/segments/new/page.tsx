// /staff/segments/new — build a segment and watch the count change.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { districtOptions } from "@/lib/segments/district-options";
import { PageHeader } from "@/components/staff/page-header";
import { SegmentForm } from "@/components/broadcasts/segment-editor";
import { TextLink } from "@/components/ui/text-link";
import { saveSegmentAction } from "../actions";

export const metadata = { title: "セグメントの作成" };

export default async function NewSegmentPage() {
  await requireStaff("segments.edit");
  const districts = await districtOptions(db);
  return (
    <>
      <p className="mb-2">
        <TextLink href="/staff/segments">‹ セグメントの一覧</TextLink>
      </p>
      <PageHeader title="セグメントの作成" description="条件を組み合わせると、対象になる友だちの人数がその場で変わります。" />
      <SegmentForm action={saveSegmentAction} districts={districts} initial={{ name: "", description: "", filter: { combine: "and", groups: [] } }} />
    </>
  );
}
