// GET /staff/audit/export — the audit log as CSV (audit.view), same filters as the screen. The
// export itself is audited before the first byte is sent.
import { db } from "@/lib/db";
import { requireStaff } from "@/lib/auth/staff-access";
import { writeAudit } from "@/lib/audit/write-audit";
import { auditFilterSchema, iterateAuditEntries } from "@/lib/audit/find-audit";
import { AUDIT_CSV_HEADER, CSV_BOM, auditCsvLine, csvLine } from "@/lib/audit/csv";

export async function GET(request: Request) {
  const staff = await requireStaff("audit.view");
  const filter = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  await writeAudit(db, { actor: staff, action: "audit.export", target: { type: "audit-log" }, summary: { filter } });

  const encoder = new TextEncoder();
  const entries = iterateAuditEntries(db, filter);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvLine(AUDIT_CSV_HEADER)));
    },
    async pull(controller) {
      try {
        const next = await entries.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(next.value.map(auditCsvLine).join("")));
      } catch (error) {
        console.error("[kairan] audit export failed", error);
        controller.error(error);
      }
    },
    async cancel() {
      await entries.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="kairan-audit-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
}
