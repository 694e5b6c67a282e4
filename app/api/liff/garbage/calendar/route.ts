// GET /api/liff/garbage/calendar?month=YYYY-MM — the collection calendar of the resident's area.
import { db } from "@/lib/db";
import { liffRoute } from "@/lib/liff/auth";
import { liffCalendar } from "@/lib/garbage/resident-view";

export const GET = liffRoute(async ({ request, identity }) => Response.json(await liffCalendar(db, identity, { month: new URL(request.url).searchParams.get("month") ?? "" })));
