// Failed recipients of a broadcast as CSV (UTF-8 with BOM, for Excel): the residents in batches LINE
// rejected permanently, with the reason. It shows residents' LINE ids and names, so it needs
// residents.view-personal and the export is audited (which broadcast, how many rows).
import type { Db } from "@/lib/db";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { CSV_BOM, csvLine } from "@/lib/audit/csv";
import { formatDateTime } from "@/lib/format";
import { decodeRecipients } from "@/lib/delivery/recipients";
import { LANGUAGE_LABELS_JA, type Language } from "@/lib/registration/options";

export const FAILED_CSV_HEADER = ["配信回", "LINE ユーザーID", "表示名", "地区", "言語", "理由", "HTTP ステータス", "最後に試した日時"];

export async function failedRecipientsCsv(db: Db, options: { broadcastId: string | null; actor: AuditActor }): Promise<{ csv: string; rows: number }> {
  let csv = CSV_BOM + csvLine(FAILED_CSV_HEADER);
  if (!options.broadcastId) return { csv, rows: 0 };
  const batches = await db.deliveryBatch.findMany({
    where: { status: "FAILED", run: { broadcastId: options.broadcastId } },
    include: { run: { select: { seq: true } } },
    orderBy: [{ run: { seq: "asc" } }, { seq: "asc" }],
  });
  const ids = batches.flatMap((b) => decodeRecipients(b.recipients));
  const residents = await db.resident.findMany({
    where: { lineUserId: { in: ids } },
    select: { id: true, lineUserId: true, displayName: true, district: { select: { name: true } } },
  });
  const byLineId = new Map(residents.map((r) => [r.lineUserId, r]));
  let rows = 0;
  for (const batch of batches) {
    for (const lineUserId of decodeRecipients(batch.recipients)) {
      const resident = byLineId.get(lineUserId);
      csv += csvLine([
        batch.run.seq,
        lineUserId,
        resident?.displayName ?? "",
        resident?.district?.name ?? "",
        LANGUAGE_LABELS_JA[batch.language as Language] ?? batch.language,
        batch.lastError ?? "",
        batch.httpStatus ?? "",
        formatDateTime(batch.updatedAt),
      ]);
      rows++;
    }
  }
  await writeAudit(db, {
    actor: options.actor,
    action: "broadcast.export-failed",
    target: { type: "broadcast", id: options.broadcastId },
    summary: { rows, residentIds: residents.map((r) => r.id).slice(0, 1000) },
  });
  return { csv, rows };
}
