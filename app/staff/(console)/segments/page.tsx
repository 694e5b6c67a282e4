// /staff/segments — saved segments (with today's exact count) and friends per district.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { countResidentsByDistrict } from "@/lib/segments/district-counts";
import { findSegments } from "@/lib/segments/manage-segments";
import { countSegment } from "@/lib/segments/segment-index";
import { describeFilter } from "@/lib/segments/describe";
import { segmentFilterSchema } from "@/lib/segments/filter";
import { formatDateTime, formatNumber } from "@/lib/format";
import { param, type SearchParams } from "@/lib/http/search-params";
import { PageHeader } from "@/components/staff/page-header";
import { Alert } from "@/components/ui/alert";
import { LinkButton } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { TextLink } from "@/components/ui/text-link";

export const metadata = { title: "セグメント" };

export default async function SegmentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const staff = await requireStaff("segments.view");
  const params = await searchParams;
  const [{ districts, unregistered }, segments] = await Promise.all([countResidentsByDistrict(db), findSegments(db)]);
  const names = new Map(districts.map((d) => [d.districtId, d.name]));
  const districtName = (id: number) => names.get(id) ?? `地区${id}`;
  const now = new Date();
  const rows = [];
  for (const segment of segments) {
    const filter = segmentFilterSchema.safeParse(segment.filter);
    rows.push({
      id: segment.id,
      name: segment.name,
      description: filter.success ? describeFilter(filter.data, districtName) : "（条件を読み取れません）",
      count: filter.success ? (await countSegment(db, filter.data, { sendDate: now })).count : null,
      updatedAt: segment.updatedAt,
    });
  }
  const schools = new Map<string, number>();
  for (const d of districts) schools.set(d.schoolDistrict, (schools.get(d.schoolDistrict) ?? 0) + d.friends);
  return (
    <>
      <PageHeader
        title="セグメント"
        description="配信先は、住民が登録フォームで回答した地区・年齢・関心などの条件で絞り込みます。保存したセグメントは配信の作成画面で選べます。"
        actions={staff.can("segments.edit") ? <LinkButton href="/staff/segments/new" variant="primary">新しいセグメントを作成</LinkButton> : undefined}
      />
      {param(params, "archived") ? <Alert tone="success" live>セグメントを削除しました。このセグメントで承認済みの配信は、承認時の条件のまま送られます。</Alert> : null}
      <section aria-labelledby="saved-heading" className="mb-10">
        <h2 id="saved-heading" className="mb-4 text-std-20B-150">
          保存したセグメント
        </h2>
        <Table
          caption="保存したセグメント"
          captionHidden
          rows={rows}
          rowKey={(row) => row.id}
          empty="保存したセグメントはまだありません。"
          columns={[
            { key: "name", header: "名前", rowHeader: true, cell: (row) => <TextLink href={`/staff/segments/${row.id}`}>{row.name}</TextLink> },
            { key: "description", header: "条件", cell: (row) => row.description },
            { key: "count", header: "今日の対象", align: "right", cell: (row) => (row.count === null ? "—" : `${formatNumber(row.count)}人`) },
            { key: "updated", header: "更新", cell: (row) => formatDateTime(row.updatedAt) },
          ]}
        />
      </section>
      <section aria-labelledby="school-heading" className="mb-10">
        <h2 id="school-heading" className="mb-4 text-std-20B-150">
          学区ごとの友だち
        </h2>
        <p className="mb-4 text-std-16N-170 text-solid-gray-600">地区が未回答（住民登録をしていない）の友だちは {formatNumber(unregistered)}人です。</p>
        <Table
          caption="学区ごとの友だちの数"
          captionHidden
          rows={[...schools.entries()].map(([name, friends]) => ({ name, friends }))}
          rowKey={(row) => row.name}
          columns={[
            { key: "name", header: "学区", rowHeader: true, cell: (row) => row.name },
            { key: "friends", header: "友だち（住民登録済み）", align: "right", cell: (row) => `${formatNumber(row.friends)}人` },
          ]}
        />
      </section>
      <section aria-labelledby="district-heading">
        <h2 id="district-heading" className="mb-4 text-std-20B-150">
          地区（町丁目）ごとの友だち
        </h2>
        <Table
          caption="地区ごとの友だちの数"
          captionHidden
          rows={districts}
          rowKey={(row) => String(row.districtId)}
          columns={[
            { key: "name", header: "地区", rowHeader: true, cell: (row) => row.name },
            { key: "school", header: "学区", cell: (row) => row.schoolDistrict },
            { key: "friends", header: "友だち（住民登録済み）", align: "right", cell: (row) => `${formatNumber(row.friends)}人` },
          ]}
        />
      </section>
    </>
  );
}
