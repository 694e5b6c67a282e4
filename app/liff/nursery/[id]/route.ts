// GET /liff/nursery/<id> — a LIFF page (lib/liff/pages.ts: "nursery-detail"); the page asks the API for
// the facility, so here only the id's form is checked.
import { liffNotFound, liffPageResponse } from "@/lib/liff/shell";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return /^[1-9]\d{0,8}$/.test(id) ? liffPageResponse("nursery-detail") : liffNotFound();
}
