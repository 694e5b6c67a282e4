// Writes parsed facilities of one source (a city's file) into the database. A re-import updates the
// facilities it already has (matched by the source's id, or by name and address), adds new ones and
// removes the ones no longer published — keeping the vacancies staff entered for the ones it keeps.
import type { Db } from "@/lib/db";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import type { ParsedFacility } from "@/lib/nursery/parse";

export const NURSERY_SOURCE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export type ImportNurseriesResult = { created: number; updated: number; removed: number; placedInDistricts: number };

function matchKey(f: { externalId: string | null; name: string; address: string }): string {
  return f.externalId ? `id:${f.externalId}` : `na:${f.name}|${f.address}`;
}

/**
 * The city's district a facility is in: only for addresses in this municipality (its name appears
 * in the address), by the district's name appearing after it (longest wins).
 */
export function districtFor(address: string, districts: { id: number; name: string }[], municipalityName: string | null): number | null {
  if (!municipalityName) return null;
  const full = address.normalize("NFKC");
  const at = full.indexOf(municipalityName.normalize("NFKC"));
  if (at < 0) return null;
  const normalized = full.slice(at + municipalityName.length);
  let best: { id: number; length: number } | null = null;
  for (const d of districts) {
    const name = d.name.normalize("NFKC");
    if (name.length >= 2 && normalized.includes(name) && (!best || name.length > best.length)) best = { id: d.id, length: name.length };
  }
  return best?.id ?? null;
}

export async function importNurseries(
  db: Db,
  options: { source: string; facilities: ParsedFacility[]; actor: AuditActor; file?: string; skippedRows?: number },
): Promise<ImportNurseriesResult> {
  if (!NURSERY_SOURCE_PATTERN.test(options.source)) {
    throw new AppError("INVALID_INPUT", { userMessage: "データの識別名は半角英小文字・数字・ハイフン（40 文字まで）で指定してください。" });
  }
  if (options.facilities.length === 0) throw new AppError("INVALID_INPUT", { userMessage: "読み込める施設がありませんでした。ファイルを確認してください。" });
  return db.$transaction(
    async (tx) => {
      const districts = await tx.district.findMany({ select: { id: true, name: true } });
      const municipality = await tx.municipality.findUnique({ where: { id: 1 }, select: { name: true } });
      const existing = await tx.nurseryFacility.findMany({ where: { source: options.source }, select: { id: true, externalId: true, name: true, address: true } });
      const byKey = new Map(existing.map((f) => [matchKey(f), f.id]));
      const seen = new Set<number>();
      let created = 0;
      let updated = 0;
      let placed = 0;
      const fresh: (ParsedFacility & { source: string; districtId: number | null })[] = [];
      const externalIds = new Set<string>();
      for (const parsed of options.facilities) {
        // A source that repeats an id (it happens) keeps the first; the others are matched by name and address.
        const facility = parsed.externalId && externalIds.has(parsed.externalId) ? { ...parsed, externalId: null } : parsed;
        if (facility.externalId) externalIds.add(facility.externalId);
        const districtId = districtFor(facility.address, districts, municipality?.name ?? null);
        if (districtId) placed++;
        const id = byKey.get(matchKey(facility));
        if (id && !seen.has(id)) {
          seen.add(id);
          await tx.nurseryFacility.update({ where: { id }, data: { ...facility, districtId } });
          updated++;
        } else {
          fresh.push({ ...facility, source: options.source, districtId });
        }
      }
      if (fresh.length) {
        await tx.nurseryFacility.createMany({ data: fresh });
        created = fresh.length;
      }
      const stale = existing.filter((f) => !seen.has(f.id)).map((f) => f.id);
      if (stale.length) await tx.nurseryFacility.deleteMany({ where: { id: { in: stale } } });
      const result = { created, updated, removed: stale.length, placedInDistricts: placed };
      await writeAudit(tx, {
        actor: options.actor,
        action: "nursery.import",
        target: { type: "nursery-dataset", id: options.source },
        summary: { file: options.file ?? null, ...result, skippedRows: options.skippedRows ?? 0 },
      });
      return result;
    },
    { timeout: 120_000, maxWait: 20_000 },
  );
}
