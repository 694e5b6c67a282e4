// /staff/segments — who can be reached where: friends per district and school district.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { countResidentsByDistrict } from "@/lib/segments/district-counts";
import { formatNumber } from "@/lib/format";
import { PageHeader } from "@/components/staff/page-header";
import { Table } from "@/components/ui/table";

export const metadata = { title: "セグメント" };

export default async function SegmentsPage() {
  await requireStaff("segments.view");
  const { districts, unregistered } = await countResidentsByDistrict(db);
  const schools = new Map<string, { friends: number; registered: number }>();
  for (const d of districts) {
    const s = schools.get(d.schoolDistrict) ?? { friends: 0, registered: 0 };
    s.friends += d.friends;
    s.registered += d.registered;
    schools.set(d.schoolDistrict, s);
  }
  return (
    <>
      <PageHeader
        title="セグメント"
        description={`配信先は、住民が登録フォームで回答した地区などの情報で絞り込みます。地区が未回答（住民登録をしていない）の友だちは ${formatNumber(unregistered)}人です。`}
      />
      <section aria-labelledby="school-heading" className="mb-10">
        <h2 id="school-heading" className="mb-4 text-std-20B-150">
          学区ごとの友だち
        </h2>
        <Table
          caption="学区ごとの友だちの数"
          captionHidden
          rows={[...schools.entries()].map(([name, s]) => ({ name, ...s }))}
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
