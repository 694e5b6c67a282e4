// /staff/segments/[id] — a saved segment: its conditions and count; editable with segments.edit.
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { districtOptions } from "@/lib/segments/district-options";
import { describeFilter } from "@/lib/segments/describe";
import { segmentFilterSchema, EVERYONE } from "@/lib/segments/filter";
import { countSegment } from "@/lib/segments/segment-index";
import { formatNumber } from "@/lib/format";
import { param, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { SegmentForm } from "@/components/broadcasts/segment-editor";
import { ArchiveSegmentButton } from "@/components/broadcasts/segment-actions";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { archiveSegmentAction, saveSegmentAction } from "../actions";

export const metadata = { title: "セグメント" };

export default async function SegmentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("segments.view");
  const { id } = await params;
  const query = await searchParams;
  const segment = z.uuid().safeParse(id).success ? await db.segment.findFirst({ where: { id, archivedAt: null } }) : null;
  const back = (
    <p className="mb-2">
      <TextLink href="/staff/segments">‹ セグメントの一覧</TextLink>
    </p>
  );
  if (!segment) {
    // The permission matrix opens every page with some id: answer with a page, not an error.
    return (
      <>
        {back}
        <PageHeader title="セグメントが見つかりません" description="削除されたか、アドレスが正しくありません。一覧から選び直してください。" />
      </>
    );
  }
  const districts = await districtOptions(db);
  const filter = segmentFilterSchema.safeParse(segment.filter);
  const names = new Map(districts.map((d) => [d.id, d.name]));
  const described = filter.success ? describeFilter(filter.data, (i) => names.get(i) ?? `地区${i}`) : "（条件を読み取れません）";
  if (!staff.can("segments.edit")) {
    const count = filter.success ? (await countSegment(db, filter.data, { sendDate: new Date() })).count : null;
    return (
      <>
        {back}
        <PageHeader title={segment.name} description={segment.description ?? undefined} />
        <dl className="grid gap-2">
          <dt className="text-std-16B-170">条件</dt>
          <dd>{described}</dd>
          <dt className="text-std-16B-170">今日の対象</dt>
          <dd>{count === null ? "—" : `${formatNumber(count)}人`}</dd>
        </dl>
      </>
    );
  }
  return (
    <>
      {back}
      <PageHeader title={segment.name} description={described} actions={<ArchiveSegmentButton segmentId={segment.id} name={segment.name} action={archiveSegmentAction} />} />
      {param(query, "saved") ? <Alert tone="success" live>セグメントを保存しました。</Alert> : null}
      <SegmentForm
        action={saveSegmentAction}
        districts={districts}
        initial={{ id: segment.id, name: segment.name, description: segment.description ?? "", filter: filter.success ? filter.data : EVERYONE }}
      />
    </>
  );
}
