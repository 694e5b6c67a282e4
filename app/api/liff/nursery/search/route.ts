// GET /api/liff/nursery/search?latitude=…&longitude=…|districtId=…&birthMonth=YYYY-MM&startMonth=…
// &types=LICENSED,…&extendedCare=1&temporaryCare=1&holidayCare=1&nightCare=1&vacancyOnly=1
import { db } from "@/lib/db";
import { liffRoute } from "@/lib/liff/auth";
import { liffNurserySearch } from "@/lib/nursery/resident-view";

export const GET = liffRoute(async ({ request }) => Response.json(await liffNurserySearch(db, new URL(request.url).searchParams)));
