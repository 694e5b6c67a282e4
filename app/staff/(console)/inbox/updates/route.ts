// GET /staff/inbox/updates — a version stamp of the inbox, polled by the inbox page so that new
// messages appear without a reload (it refreshes when the stamp changes). JSON, never cached.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { countByFilter, inboxVersion } from "@/lib/inbox/conversations";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const staff = await requireStaff("inbox.reply");
  const [version, counts] = await Promise.all([inboxVersion(db), countByFilter(db, staff.id)]);
  return Response.json({ version, unread: counts.open.unread }, { headers: { "cache-control": "no-store" } });
}
