// GET /api/liff/garbage — the resident's area, the categories, their reminders (ID token verified).
import { db } from "@/lib/db";
import { liffRoute } from "@/lib/liff/auth";
import { garbageOverview } from "@/lib/garbage/resident-view";

export const GET = liffRoute(async ({ identity }) => Response.json(await garbageOverview(db, identity)));
