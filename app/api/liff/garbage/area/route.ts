// PUT /api/liff/garbage/area {districtId} | {areaId} — the resident's collection area.
import { db } from "@/lib/db";
import { liffRoute, readJson } from "@/lib/liff/auth";
import { setLiffArea } from "@/lib/garbage/resident-view";

export const PUT = liffRoute(async ({ request, identity }) => {
  const area = await setLiffArea(db, identity, (await readJson(request)) as never);
  return Response.json({ area, message: `お住まいの地区を「${area.name}」にしました。` });
});
