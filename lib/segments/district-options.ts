// Districts as the segment editor and the composer list them.
import type { DbTx } from "@/lib/db";

export async function districtOptions(db: DbTx) {
  const districts = await db.district.findMany({ orderBy: { sortOrder: "asc" }, include: { schoolDistrict: { select: { name: true } } } });
  return districts.map((d) => ({ id: d.id, name: d.name, schoolDistrict: d.schoolDistrict.name }));
}
