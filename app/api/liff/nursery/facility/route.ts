// GET /api/liff/nursery/facility?id=… — one facility with its vacancies per age class.
import { db } from "@/lib/db";
import { liffRoute } from "@/lib/liff/auth";
import { facilityDetail } from "@/lib/nursery/resident-view";

export const GET = liffRoute(async ({ request }) => Response.json(await facilityDetail(db, Number(new URL(request.url).searchParams.get("id")))));
