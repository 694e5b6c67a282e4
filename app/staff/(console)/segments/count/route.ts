// GET /staff/segments/count?filter=<json>&date=yyyy-mm-dd (or ?segmentId=…) — the exact number of
// friends in a segment on a send date, for the live count while staff edit (lib/segments/segment-index.ts).
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { toErrorResponse } from "@/lib/errors";
import { parseJstDate } from "@/lib/format";
import { EVERYONE, segmentFilterSchema } from "@/lib/segments/filter";
import { countSegment } from "@/lib/segments/segment-index";

export async function GET(request: Request) {
  await requireStaff("segments.view");
  try {
    const params = new URL(request.url).searchParams;
    let filter = EVERYONE;
    const segmentId = params.get("segmentId");
    if (segmentId && z.uuid().safeParse(segmentId).success) {
      const segment = await db.segment.findFirst({ where: { id: segmentId, archivedAt: null } });
      if (segment) filter = segmentFilterSchema.parse(segment.filter);
    } else if (params.get("filter")) {
      filter = segmentFilterSchema.parse(JSON.parse(params.get("filter")!));
    }
    const sendDate = parseJstDate(params.get("date") ?? undefined) ?? new Date();
    const result = await countSegment(db, filter, { sendDate });
    return Response.json({ count: result.count, ms: Math.round(result.ms), method: result.method }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof SyntaxError) return Response.json({ error: "INVALID_INPUT", message: "条件を読み取れませんでした。" }, { status: 422 });
    return toErrorResponse(error);
  }
}
