// What /liff/garbage shows a resident (served by /api/liff/garbage/**): their area, the categories
// and their reminders, the month's collection calendar, and search results.
import type { Db, DbTx } from "@/lib/db";
import { z } from "@/lib/zod";
import { AppError } from "@/lib/errors";
import { requireActiveDictionary } from "@/lib/garbage/dictionaries";
import { areaForDistrict, findResidentArea, loadAreaSchedule, monthCalendar, nextCollection, setResidentArea } from "@/lib/garbage/areas";
import { listReminders, moveReminders, setReminder } from "@/lib/garbage/reminder-settings";
import { searchGarbage } from "@/lib/garbage/search";
import { recordUnanswered } from "@/lib/garbage/unanswered";
import { formatJapaneseDate, japanToday, relativeDayLabel } from "@/lib/garbage/schedule";

/** The resident behind a verified LIFF identity (created as a friend if the follow event is still on its way). */
export async function residentFor(db: DbTx, identity: { lineUserId: string; displayName: string | null }): Promise<{ id: string }> {
  return db.resident.upsert({
    where: { lineUserId: identity.lineUserId },
    create: { lineUserId: identity.lineUserId, displayName: identity.displayName },
    update: {},
    select: { id: true },
  });
}

export async function garbageOverview(db: Db, identity: { lineUserId: string; displayName: string | null }) {
  const dictionary = await requireActiveDictionary(db);
  const resident = await residentFor(db, identity);
  const [area, categories, mapped, reminders] = await Promise.all([
    findResidentArea(db, { dictionaryId: dictionary.id, residentId: resident.id }),
    db.garbageCategory.findMany({ where: { dictionaryId: dictionary.id }, orderBy: [{ sortOrder: "asc" }, { id: "asc" }], select: { id: true, name: true, colour: true, description: true } }),
    db.garbageAreaDistrict.findMany({ where: { dictionaryId: dictionary.id }, select: { districtId: true } }),
    listReminders(db, resident.id),
  ]);
  const districts = mapped.length
    ? await db.district.findMany({ where: { id: { in: mapped.map((m) => m.districtId) } }, orderBy: { sortOrder: "asc" }, include: { schoolDistrict: { select: { name: true } } } })
    : [];
  let schedule: { categoryId: number; text: string; next: string | null }[] = [];
  if (area) {
    const loaded = await loadAreaSchedule(db, area.id);
    const today = japanToday();
    schedule = (loaded?.categories ?? []).map((c) => {
      const next = c.rule ? nextCollection(loaded!, c.id, today) : null;
      return { categoryId: c.id, text: c.ruleText, next: next ? relativeDayLabel(next, today) : null };
    });
  }
  return {
    dictionary: { name: dictionary.name },
    area,
    districts: districts.map((d) => ({ id: d.id, name: d.name, schoolDistrict: d.schoolDistrict.name })),
    categories,
    schedule,
    reminders: reminders.map((r) => r.categoryId),
  };
}

export const liffSearchSchema = z.object({ q: z.string().trim().max(100).default(""), final: z.enum(["0", "1"]).default("0") });

/** Instant search while typing; a submitted search (`final`) that finds nothing is kept for staff. */
export async function liffSearch(db: Db, input: z.input<typeof liffSearchSchema>) {
  const { q, final } = liffSearchSchema.parse(input);
  const dictionary = await requireActiveDictionary(db);
  if (!q) return { query: q, core: "", ambiguous: false, answers: [], hits: [] };
  const result = await searchGarbage(db, { dictionaryId: dictionary.id, query: q, limit: 20 });
  if (final === "1" && result.answers.length === 0) await recordUnanswered(db, { dictionaryId: dictionary.id, query: q, source: "liff" });
  const shape = (h: (typeof result.hits)[number]) => ({ itemId: h.itemId, name: h.name, categoryName: h.categoryName, colour: h.colour, notice: h.notice });
  return { query: q, core: result.core, ambiguous: result.ambiguous, answers: result.answers.map(shape), hits: result.hits.map(shape) };
}

export const setAreaSchema = z.union([z.object({ districtId: z.number().int().positive() }), z.object({ areaId: z.number().int().positive() })]);

export async function setLiffArea(db: Db, identity: { lineUserId: string; displayName: string | null }, input: z.input<typeof setAreaSchema>) {
  const parsed = setAreaSchema.parse(input);
  const dictionary = await requireActiveDictionary(db);
  const area =
    "districtId" in parsed
      ? await areaForDistrict(db, { dictionaryId: dictionary.id, districtId: parsed.districtId })
      : await db.garbageArea.findFirst({ where: { id: parsed.areaId, dictionaryId: dictionary.id } });
  if (!area) throw new AppError("INVALID_INPUT", { userMessage: "この地区の収集日はまだ登録されていません。ほかの地区を選ぶか、市役所の担当課にお問い合わせください。" });
  await db.$transaction(async (tx) => {
    const resident = await residentFor(tx, identity);
    await setResidentArea(tx, { residentId: resident.id, areaId: area.id });
    await moveReminders(tx, { residentId: resident.id, areaId: area.id });
  });
  return { id: area.id, name: area.name };
}

export async function findLiffAreas(db: Db, text: string) {
  const dictionary = await requireActiveDictionary(db);
  const q = text.normalize("NFKC").trim().slice(0, 40);
  if (!q) return [];
  const areas = await db.garbageArea.findMany({
    where: { dictionaryId: dictionary.id, OR: [{ name: { contains: q } }, { groupName: { contains: q } }] },
    orderBy: [{ sortOrder: "asc" }, { id: "asc" }],
    take: 30,
  });
  return areas.map((a) => ({ id: a.id, name: a.groupName ? `${a.groupName} ${a.name}` : a.name }));
}

export const calendarSchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月を YYYY-MM で指定してください。") });

export async function liffCalendar(db: Db, identity: { lineUserId: string; displayName: string | null }, input: z.input<typeof calendarSchema>) {
  const { month } = calendarSchema.parse(input);
  const dictionary = await requireActiveDictionary(db);
  const resident = await residentFor(db, identity);
  const area = await findResidentArea(db, { dictionaryId: dictionary.id, residentId: resident.id });
  if (!area) throw new AppError("INVALID_STATE", { userMessage: "先にお住まいの地区を選んでください。" });
  const schedule = (await loadAreaSchedule(db, area.id))!;
  const [year, m] = month.split("-").map(Number) as [number, number];
  return {
    area,
    month,
    title: `${year}年${m}月`,
    days: monthCalendar(schedule, year, m).map((d) => ({ ...d, label: formatJapaneseDate(new Date(`${d.date}T00:00:00Z`)) })),
    rules: schedule.categories.filter((c) => c.rule).map((c) => ({ categoryId: c.id, name: c.name, colour: c.colour, text: c.ruleText, remarks: c.remarks })),
  };
}

export const reminderSchema = z.object({ categoryId: z.number().int().positive(), enabled: z.boolean() });

export async function setLiffReminder(db: Db, identity: { lineUserId: string; displayName: string | null }, input: z.input<typeof reminderSchema>) {
  const { categoryId, enabled } = reminderSchema.parse(input);
  const dictionary = await requireActiveDictionary(db);
  const resident = await residentFor(db, identity);
  const area = await findResidentArea(db, { dictionaryId: dictionary.id, residentId: resident.id });
  if (!area) throw new AppError("INVALID_STATE", { userMessage: "先にお住まいの地区を選んでください。" });
  await setReminder(db, { residentId: resident.id, areaId: area.id, categoryId, enabled });
  return { reminders: (await listReminders(db, resident.id)).map((r) => r.categoryId) };
}
