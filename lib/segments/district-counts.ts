// Friends and registered residents per district and school district: the base every segment
// narrows down. One grouped query (index on follow_status, district_id).
import type { DbTx } from "@/lib/db";

export type DistrictCount = { districtId: number; name: string; schoolDistrict: string; friends: number; registered: number };

export async function countResidentsByDistrict(db: DbTx): Promise<{ districts: DistrictCount[]; unregistered: number }> {
  const rows = await db.$queryRaw<{ district_id: number | null; friends: bigint; registered: bigint }[]>`
    select district_id, count(*) as friends, count(registered_at) as registered
    from resident where follow_status = 'FOLLOWING'
    group by district_id`;
  const districts = await db.district.findMany({ orderBy: { sortOrder: "asc" }, include: { schoolDistrict: { select: { name: true } } } });
  const byId = new Map(rows.map((r) => [r.district_id, r]));
  return {
    districts: districts.map((d) => ({
      districtId: d.id,
      name: d.name,
      schoolDistrict: d.schoolDistrict.name,
      friends: Number(byId.get(d.id)?.friends ?? 0),
      registered: Number(byId.get(d.id)?.registered ?? 0),
    })),
    unregistered: Number(byId.get(null)?.friends ?? 0),
  };
}
