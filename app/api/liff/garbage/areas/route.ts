// GET /api/liff/garbage/areas?q=… — areas by name (dictionaries whose areas are not the city's districts).
import { db } from "@/lib/db";
import { liffRoute } from "@/lib/liff/auth";
import { findLiffAreas } from "@/lib/garbage/resident-view";

export const GET = liffRoute(async ({ request }) => Response.json({ areas: await findLiffAreas(db, new URL(request.url).searchParams.get("q") ?? "") }));
