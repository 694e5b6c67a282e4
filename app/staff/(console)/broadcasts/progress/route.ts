// GET /staff/broadcasts/progress?ids=a,b — live progress of the newest run of each broadcast (JSON),
// polled by the broadcast pages while they send.
import { z } from "@/lib/zod";
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { latestRunProgress } from "@/lib/delivery/progress";

export async function GET(request: Request) {
  await requireStaff("broadcasts.view");
  const ids = (new URL(request.url).searchParams.get("ids") ?? "")
    .split(",")
    .filter((id) => z.uuid().safeParse(id).success)
    .slice(0, 100);
  const [progress, statuses] = await Promise.all([
    latestRunProgress(db, ids),
    db.broadcast.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } }),
  ]);
  return Response.json(
    { broadcasts: statuses.map((b) => ({ id: b.id, status: b.status, run: progress.get(b.id) ?? null })) },
    { headers: { "cache-control": "no-store" } },
  );
}
