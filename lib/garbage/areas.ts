// Collection areas: which area a resident is in, and when each category is collected there.
import type { DbTx } from "@/lib/db";
import {
  addDays,
  collectionDaysInMonth,
  describeRule,
  isoDate,
  japanToday,
  nextCollectionDays,
  parseRule,
  type CollectionRule,
  type Suspension,
} from "@/lib/garbage/schedule";

export type AreaSchedule = {
  area: { id: number; name: string; groupName: string; dictionaryId: number };
  categories: {
    id: number;
    name: string;
    colour: string;
    description: string;
    /** The rule of this category, or of the category it follows (ビン → 空きカン・…). */
    rule: CollectionRule | null;
    pattern: string;
    ruleText: string;
    remarks: string[];
  }[];
  suspensions: Suspension[];
};

/** The area and rules of one area, with every category of the dictionary (rule null when not collected). */
export async function loadAreaSchedule(db: DbTx, areaId: number): Promise<AreaSchedule | null> {
  const area = await db.garbageArea.findUnique({
    where: { id: areaId },
    include: { rules: true },
  });
  if (!area) return null;
  const [categories, suspensions, remarks] = await Promise.all([
    db.garbageCategory.findMany({ where: { dictionaryId: area.dictionaryId }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }] }),
    db.garbageSuspension.findMany({ where: { dictionaryId: area.dictionaryId, OR: [{ centerId: null }, ...(area.centerId ? [{ centerId: area.centerId }] : [])] } }),
    db.garbageRemark.findMany({ where: { dictionaryId: area.dictionaryId } }),
  ]);
  const patterns = new Map(area.rules.map((r) => [r.categoryId, r.pattern]));
  const remarkText = new Map(remarks.map((r) => [r.number, r.text]));
  return {
    area: { id: area.id, name: area.name, groupName: area.groupName, dictionaryId: area.dictionaryId },
    categories: categories.map((c) => {
      const pattern = patterns.get(c.id) ?? (c.scheduleCategoryId ? (patterns.get(c.scheduleCategoryId) ?? "") : "");
      const parsed = pattern ? parseRule(pattern) : null;
      const rule = parsed?.ok && !parsed.rule.none ? parsed.rule : null;
      return {
        id: c.id,
        name: c.name,
        colour: c.colour,
        description: c.description,
        rule,
        pattern,
        ruleText: rule ? describeRule(rule) : "",
        remarks: rule ? rule.remarks.map((n) => remarkText.get(n)).filter((t): t is string => Boolean(t)) : [],
      };
    }),
    suspensions: suspensions.map((s) => ({ startsOn: s.startsOn, endsOn: s.endsOn })),
  };
}

/** The next collection day of a category in an area (null when it is not collected on fixed days). */
export function nextCollection(schedule: AreaSchedule, categoryId: number, today: Date = japanToday()): Date | null {
  const category = schedule.categories.find((c) => c.id === categoryId);
  if (!category?.rule) return null;
  return nextCollectionDays(category.rule, today, { suspensions: schedule.suspensions })[0] ?? null;
}

export type CalendarDay = { date: string; day: number; weekday: number; categories: { id: number; name: string; colour: string }[]; suspended: boolean };

/** Every day of a month with the categories collected on it. */
export function monthCalendar(schedule: AreaSchedule, year: number, month: number): CalendarDay[] {
  const days: CalendarDay[] = [];
  const collected = new Map<string, { id: number; name: string; colour: string }[]>();
  for (const c of schedule.categories) {
    if (!c.rule) continue;
    for (const d of collectionDaysInMonth(c.rule, year, month, schedule.suspensions)) {
      const key = isoDate(d);
      collected.set(key, [...(collected.get(key) ?? []), { id: c.id, name: c.name, colour: c.colour }]);
    }
  }
  for (let d = new Date(Date.UTC(year, month - 1, 1)); d.getUTCMonth() === month - 1; d = addDays(d, 1)) {
    const key = isoDate(d);
    const suspended = schedule.suspensions.some((s) => s.startsOn.getTime() <= d.getTime() && d.getTime() <= s.endsOn.getTime());
    days.push({ date: key, day: d.getUTCDate(), weekday: d.getUTCDay(), categories: collected.get(key) ?? [], suspended });
  }
  return days;
}

/**
 * The area a resident's garbage is collected in: the one they chose (chat or LIFF), else the one
 * their registered district belongs to. Null when neither is known.
 */
export async function findResidentArea(db: DbTx, options: { dictionaryId: number; residentId: string }): Promise<{ id: number; name: string } | null> {
  const chosen = await db.garbageResidentArea.findUnique({ where: { residentId: options.residentId }, include: { area: { select: { id: true, name: true, dictionaryId: true } } } });
  if (chosen && chosen.area.dictionaryId === options.dictionaryId) return { id: chosen.area.id, name: chosen.area.name };
  const resident = await db.resident.findUnique({ where: { id: options.residentId }, select: { districtId: true } });
  if (!resident?.districtId) return null;
  const mapped = await db.garbageAreaDistrict.findUnique({
    where: { dictionaryId_districtId: { dictionaryId: options.dictionaryId, districtId: resident.districtId } },
    include: { area: { select: { id: true, name: true } } },
  });
  return mapped ? { id: mapped.area.id, name: mapped.area.name } : null;
}

/** Remembers the area a resident chose. */
export async function setResidentArea(db: DbTx, options: { residentId: string; areaId: number }): Promise<void> {
  await db.garbageResidentArea.upsert({
    where: { residentId: options.residentId },
    create: { residentId: options.residentId, areaId: options.areaId },
    update: { areaId: options.areaId },
  });
}

/** The area a district of the city belongs to. */
export async function areaForDistrict(db: DbTx, options: { dictionaryId: number; districtId: number }) {
  const mapped = await db.garbageAreaDistrict.findUnique({
    where: { dictionaryId_districtId: { dictionaryId: options.dictionaryId, districtId: options.districtId } },
    include: { area: true },
  });
  return mapped?.area ?? null;
}

/** Areas whose name contains the text (residents typing their 地区 in the chat). */
export async function findAreasByName(db: DbTx, options: { dictionaryId: number; text: string; limit?: number }) {
  const text = options.text.normalize("NFKC").trim();
  if (!text) return [];
  return db.garbageArea.findMany({
    where: { dictionaryId: options.dictionaryId, OR: [{ name: { contains: text } }, { groupName: { contains: text } }] },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    take: options.limit ?? 13,
  });
}
