// GET /api/liff/nursery — where to search from (districts, the map's centre) and the resident's
// children's birth months from their own registration (ID token verified).
import { db } from "@/lib/db";
import { liffRoute } from "@/lib/liff/auth";
import { nurseryOverview } from "@/lib/nursery/resident-view";

export const GET = liffRoute(async ({ identity }) => Response.json(await nurseryOverview(db, identity)));
