// Writes a parsed 5374 dictionary into the database (CLI `garbage import`, the staff screen) and
// reads one back out for export. A re-import replaces the content but keeps what refers to it:
// categories and areas are matched by name and updated in place, so residents' chosen areas,
// reminders, district mappings and staff-curated synonyms survive.
import type { Db, DbTx } from "@/lib/db";
import { Prisma } from "@/generated/prisma/client";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors";
import { bumpDictionaryVersion, DICTIONARY_SLUG_PATTERN } from "@/lib/garbage/dictionaries";
import { DEFAULT_SYNONYMS } from "@/lib/garbage/default-synonyms";
import { export5374, parse5374, type ExportSource, type ImportIssue, type ParsedDictionary, type ParseResult, type SourceFile } from "@/lib/garbage/five374";
import { isoDate } from "@/lib/garbage/schedule";

export type ImportDictionaryOptions = {
  slug: string;
  name: string;
  parsed: ParsedDictionary;
  actor: AuditActor;
  /** Where the files came from (shown to staff). */
  source: string;
  /** Make it the dictionary residents use. A dictionary is also activated when none is active. */
  activate?: boolean;
  issues?: ImportIssue[];
};

export type ImportDictionaryResult = {
  dictionaryId: number;
  created: boolean;
  active: boolean;
  counts: { categories: number; items: number; areas: number; rules: number; centers: number; suspensions: number; remarks: number };
};

/** Interactive transactions default to 5 s; Kyoto's 5,000 areas need longer on a slow machine. */
const IMPORT_TRANSACTION = { timeout: 180_000, maxWait: 20_000 } as const;

export async function importDictionary(db: Db, options: ImportDictionaryOptions): Promise<ImportDictionaryResult> {
  if (!DICTIONARY_SLUG_PATTERN.test(options.slug)) {
    throw new AppError("INVALID_INPUT", { userMessage: "辞書の識別名は半角英小文字・数字・ハイフン（40 文字まで）で指定してください。" });
  }
  const { parsed } = options;
  if (parsed.items.length === 0) {
    throw new AppError("INVALID_INPUT", { userMessage: "読み込める品目がありませんでした。target.csv を確認してください。" });
  }
  return db.$transaction(async (tx) => {
    const existing = await tx.garbageDictionary.findUnique({ where: { slug: options.slug } });
    const anyActive = await tx.garbageDictionary.findFirst({ where: { active: true }, select: { id: true } });
    const activate = options.activate || !anyActive || anyActive.id === existing?.id;
    if (activate && anyActive && anyActive.id !== existing?.id) {
      await tx.garbageDictionary.update({ where: { id: anyActive.id }, data: { active: false } });
    }
    const dictionary = existing
      ? await tx.garbageDictionary.update({ where: { id: existing.id }, data: { name: options.name, source: options.source, importedAt: new Date(), active: activate } })
      : await tx.garbageDictionary.create({ data: { slug: options.slug, name: options.name, source: options.source, importedAt: new Date(), active: activate } });
    const dictionaryId = dictionary.id;

    // Items go first (they hold the categories), and are simply replaced.
    await tx.garbageItem.deleteMany({ where: { dictionaryId } });

    // Categories: update by name, create new ones, delete the ones no longer in the data.
    const oldCategories = await tx.garbageCategory.findMany({ where: { dictionaryId } });
    const categoryIds = new Map<string, number>();
    for (const category of parsed.categories) {
      const data = { sublabel: category.sublabel, description: category.description, colour: category.colour, icon: category.icon, sortOrder: category.sortOrder, scheduleCategoryId: null };
      const old = oldCategories.find((c) => c.name === category.name);
      const saved = old
        ? await tx.garbageCategory.update({ where: { id: old.id }, data })
        : await tx.garbageCategory.create({ data: { ...data, dictionaryId, name: category.name } });
      categoryIds.set(category.name, saved.id);
    }
    const staleCategories = oldCategories.filter((c) => !categoryIds.has(c.name)).map((c) => c.id);
    if (staleCategories.length) await tx.garbageCategory.deleteMany({ where: { id: { in: staleCategories } } });
    for (const category of parsed.categories) {
      if (category.scheduleCategory && categoryIds.has(category.scheduleCategory)) {
        await tx.garbageCategory.update({ where: { id: categoryIds.get(category.name)! }, data: { scheduleCategoryId: categoryIds.get(category.scheduleCategory)! } });
      }
    }

    await tx.garbageItem.createMany({
      data: parsed.items.map((item) => ({
        dictionaryId,
        categoryId: categoryIds.get(item.category)!,
        name: item.name,
        reading: item.reading,
        readingAuto: false,
        aliases: item.aliases,
        notice: item.notice,
        indexLetter: item.indexLetter,
        sortOrder: item.sortOrder,
      })),
    });

    // Centres and their suspensions.
    const oldCenters = await tx.garbageCenter.findMany({ where: { dictionaryId } });
    const centerIds = new Map<string, number>();
    for (const center of parsed.centers) {
      const old = oldCenters.find((c) => c.name === center.name);
      const saved = old ?? (await tx.garbageCenter.create({ data: { dictionaryId, name: center.name } }));
      centerIds.set(center.name, saved.id);
    }
    await tx.garbageSuspension.deleteMany({ where: { dictionaryId } });
    const suspensions = [
      ...parsed.centers.flatMap((c) => c.suspensions.map((s) => ({ dictionaryId, centerId: centerIds.get(c.name)!, startsOn: new Date(s.startsOn), endsOn: new Date(s.endsOn), note: "" }))),
      ...parsed.globalSuspensions.map((s) => ({ dictionaryId, centerId: null, startsOn: new Date(s.startsOn), endsOn: new Date(s.endsOn), note: s.note })),
    ];
    if (suspensions.length) await tx.garbageSuspension.createMany({ data: suspensions });

    // Areas: matched by (group, name) so their ids — and residents' choices — survive a re-import.
    const oldAreas = await tx.garbageArea.findMany({ where: { dictionaryId }, select: { id: true, name: true, groupName: true } });
    const areaKey = (groupName: string, name: string) => `${groupName}\u0000${name}`;
    const oldAreaIds = new Map(oldAreas.map((a) => [areaKey(a.groupName, a.name), a.id]));
    const fresh = parsed.areas.filter((a) => !oldAreaIds.has(areaKey(a.groupName, a.name)));
    if (fresh.length) {
      await tx.garbageArea.createMany({
        data: fresh.map((a) => ({ dictionaryId, name: a.name, groupName: a.groupName, centerId: a.center ? (centerIds.get(a.center) ?? null) : null, sortOrder: a.sortOrder })),
      });
    }
    const kept = parsed.areas.filter((a) => oldAreaIds.has(areaKey(a.groupName, a.name)));
    if (kept.length) {
      // One statement for all kept areas (thousands in Kyoto's data).
      await tx.$executeRaw`
        UPDATE garbage_area AS a SET center_id = v.center_id, sort_order = v.sort_order
        FROM unnest(${kept.map((a) => oldAreaIds.get(areaKey(a.groupName, a.name))!)}::int[],
                    ${kept.map((a) => (a.center ? (centerIds.get(a.center) ?? null) : null))}::int[],
                    ${kept.map((a) => a.sortOrder)}::int[]) AS v(id, center_id, sort_order)
        WHERE a.id = v.id`;
    }
    const wanted = new Set(parsed.areas.map((a) => areaKey(a.groupName, a.name)));
    const staleAreas = oldAreas.filter((a) => !wanted.has(areaKey(a.groupName, a.name))).map((a) => a.id);
    if (staleAreas.length) await tx.garbageArea.deleteMany({ where: { id: { in: staleAreas } } });
    const staleCenters = oldCenters.filter((c) => !centerIds.has(c.name)).map((c) => c.id);
    if (staleCenters.length) await tx.garbageCenter.deleteMany({ where: { id: { in: staleCenters } } });

    const areaIds = new Map(
      (await tx.garbageArea.findMany({ where: { dictionaryId }, select: { id: true, name: true, groupName: true } })).map((a) => [areaKey(a.groupName, a.name), a.id]),
    );
    await tx.$executeRaw`DELETE FROM garbage_collection_rule r USING garbage_area a WHERE r.area_id = a.id AND a.dictionary_id = ${dictionaryId}`;
    const rules = parsed.areas.flatMap((a) =>
      a.rules.map((r) => ({ areaId: areaIds.get(areaKey(a.groupName, a.name))!, categoryId: categoryIds.get(r.category)!, pattern: r.pattern })),
    );
    for (let i = 0; i < rules.length; i += 5000) await tx.garbageCollectionRule.createMany({ data: rules.slice(i, i + 5000) });

    await tx.garbageRemark.deleteMany({ where: { dictionaryId } });
    if (parsed.remarks.length) await tx.garbageRemark.createMany({ data: parsed.remarks.map((r) => ({ dictionaryId, number: r.number, text: r.text })) });

    if (!existing) {
      await tx.garbageSynonym.createMany({ data: DEFAULT_SYNONYMS.map(([term, target]) => ({ dictionaryId, term, target })), skipDuplicates: true });
    }
    await bumpDictionaryVersion(tx, dictionaryId);

    const counts = {
      categories: parsed.categories.length,
      items: parsed.items.length,
      areas: parsed.areas.length,
      rules: rules.length,
      centers: parsed.centers.length,
      suspensions: suspensions.length,
      remarks: parsed.remarks.length,
    };
    const errors = (options.issues ?? []).filter((i) => i.severity === "error").length;
    await writeAudit(tx, {
      actor: options.actor,
      action: "garbage.import",
      target: { type: "garbage-dictionary", id: String(dictionaryId) },
      summary: { slug: options.slug, name: options.name, source: options.source, ...counts, skippedRows: errors, activated: activate },
    });
    return { dictionaryId, created: !existing, active: activate, counts };
  }, IMPORT_TRANSACTION);
}

/** Parses files and imports them in one step (CLI and staff screen). */
export async function importDictionaryFiles(
  db: Db,
  options: Omit<ImportDictionaryOptions, "parsed" | "issues"> & { files: SourceFile[] },
): Promise<{ parse: ParseResult; result: ImportDictionaryResult }> {
  const parse = parse5374(options.files);
  const result = await importDictionary(db, { ...options, parsed: parse.dictionary, issues: parse.issues });
  return { parse, result };
}

/** The dictionary as 5374 files. */
export async function exportDictionary(db: DbTx, dictionaryId: number, options: { actor: AuditActor }): Promise<{ name: string; text: string }[]> {
  const [categories, items, areas, centers, suspensions, remarks] = await Promise.all([
    db.garbageCategory.findMany({ where: { dictionaryId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
    db.garbageItem.findMany({ where: { dictionaryId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], include: { category: { select: { name: true } } } }),
    db.garbageArea.findMany({
      where: { dictionaryId },
      orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
      include: { center: { select: { name: true } }, rules: { include: { category: { select: { name: true } } } } },
    }),
    db.garbageCenter.findMany({ where: { dictionaryId }, orderBy: { id: "asc" } }),
    db.garbageSuspension.findMany({ where: { dictionaryId }, orderBy: { startsOn: "asc" } }),
    db.garbageRemark.findMany({ where: { dictionaryId }, orderBy: { number: "asc" } }),
  ]);
  const source: ExportSource = {
    categories,
    items: items.map((i) => ({ name: i.name, category: i.category.name, notice: i.notice, indexLetter: i.indexLetter, reading: i.reading, aliases: i.aliases })),
    areas: areas.map((a) => ({ name: a.name, groupName: a.groupName, center: a.center?.name ?? "", rules: new Map(a.rules.map((r) => [r.category.name, r.pattern])) })),
    centers: centers.map((c) => ({
      name: c.name,
      suspensions: suspensions.filter((s) => s.centerId === c.id).map((s) => ({ startsOn: isoDate(s.startsOn), endsOn: isoDate(s.endsOn) })),
    })),
    globalSuspensions: suspensions.filter((s) => s.centerId === null).map((s) => ({ startsOn: isoDate(s.startsOn), endsOn: isoDate(s.endsOn), note: s.note })),
    remarks,
  };
  const files = export5374(source);
  await writeAudit(db, {
    actor: options.actor,
    action: "garbage.export",
    target: { type: "garbage-dictionary", id: String(dictionaryId) },
    summary: { items: items.length, areas: areas.length },
  });
  return files;
}

export function isPrismaUniqueError(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
