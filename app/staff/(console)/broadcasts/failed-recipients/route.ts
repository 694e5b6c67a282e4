// GET /staff/broadcasts/failed-recipients?broadcastId=… — the residents a broadcast could not reach,
// as CSV (UTF-8 with BOM). Personal data: residents.view-personal, and the export is audited.
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { failedRecipientsCsv } from "@/lib/delivery/failed-recipients";

export async function GET(request: Request) {
  const staff = await requireStaff("residents.view-personal");
  const id = new URL(request.url).searchParams.get("broadcastId");
  const broadcastId = id && z.uuid().safeParse(id).success ? id : null;
  const { csv } = await failedRecipientsCsv(db, { broadcastId, actor: staff });
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="kairan-failed-recipients-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
