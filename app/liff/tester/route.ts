// GET /liff/tester — a LIFF page (lib/liff/pages.ts: "tester"): the server's HTML shell and the page's own bundle.
import { liffPageResponse } from "@/lib/liff/shell";

export function GET(): Promise<Response> {
  return liffPageResponse("tester");
}
