// GET /api/liff/garbage/search?q=…[&final=1] — instant search while typing; a submitted search that
// finds nothing is kept for staff (/staff/content/garbage/unanswered).
import { db } from "@/lib/db";
import { liffRoute } from "@/lib/liff/auth";
import { liffSearch } from "@/lib/garbage/resident-view";

export const GET = liffRoute(async ({ request }) => {
  const params = new URL(request.url).searchParams;
  return Response.json(await liffSearch(db, { q: params.get("q") ?? "", final: params.get("final") === "1" ? "1" : "0" }));
});
