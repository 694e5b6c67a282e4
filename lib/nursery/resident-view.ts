// What /liff/nursery shows (served by /api/liff/nursery/**): where to search from, the resident's
// children's birth months (their own registration), search results and a facility's details.
import type { Db } from "@/lib/db";
import { z } from "@/lib/zod";
import { AppError } from "@/lib/errors";
import { NURSERY_TYPES, formatMonthIndex } from "@/lib/nursery/labels";
import { districtPoint, searchNurseries } from "@/lib/nursery/search";

function nextMonth(now = new Date()): string {
  const jst = new Date(now.getTime() + 9 * 3_600_000);
  return formatMonthIndex(jst.getUTCFullYear() * 12 + jst.getUTCMonth() + 1);
}

export async function nurseryOverview(db: Db, identity: { lineUserId: string }) {
  const [resident, points, districts] = await Promise.all([
    db.resident.findUnique({ where: { lineUserId: identity.lineUserId }, select: { childBirthMonths: true } }),
    db.nurseryDistrictPoint.findMany(),
    db.district.findMany({ orderBy: { sortOrder: "asc" }, include: { schoolDistrict: { select: { name: true } } } }),
  ]);
  const withPoint = new Set(points.map((p) => p.districtId));
  const withFacilities = new Set(
    (await db.nurseryFacility.groupBy({ by: ["districtId"], where: { districtId: { not: null } } })).map((g) => g.districtId!),
  );
  const centre = points.length
    ? { latitude: points.reduce((s, p) => s + p.latitude, 0) / points.length, longitude: points.reduce((s, p) => s + p.longitude, 0) / points.length }
    : await facilitiesCentre(db);
  return {
    districts: districts.filter((d) => withPoint.has(d.id) || withFacilities.has(d.id)).map((d) => ({ id: d.id, name: d.name, schoolDistrict: d.schoolDistrict.name })),
    children: (resident?.childBirthMonths ?? []).map(formatMonthIndex),
    startMonth: nextMonth(),
    centre,
  };
}

async function facilitiesCentre(db: Db): Promise<{ latitude: number; longitude: number } | null> {
  const rows = await db.$queryRaw<{ latitude: number | null; longitude: number | null }[]>`SELECT avg(latitude) AS latitude, avg(longitude) AS longitude FROM nursery_facility`;
  const row = rows[0];
  return row?.latitude !== null && row?.latitude !== undefined ? { latitude: Number(row.latitude), longitude: Number(row.longitude) } : null;
}

const flag = z.preprocess((v) => v === "1" || v === "true", z.boolean());

export const liffNurserySearchSchema = z.object({
  latitude: z.coerce.number().optional(),
  longitude: z.coerce.number().optional(),
  districtId: z.coerce.number().int().positive().optional(),
  birthMonth: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  startMonth: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  types: z.preprocess((v) => (typeof v === "string" && v ? v.split(",") : undefined), z.array(z.enum(NURSERY_TYPES)).optional()),
  extendedCare: flag.optional(),
  temporaryCare: flag.optional(),
  holidayCare: flag.optional(),
  nightCare: flag.optional(),
  vacancyOnly: flag.optional(),
});

/** Search from query parameters: a point, or a district's point. */
export async function liffNurserySearch(db: Db, params: URLSearchParams) {
  const input = liffNurserySearchSchema.parse(Object.fromEntries([...params].filter(([, v]) => v !== "")));
  let point = input.latitude !== undefined && input.longitude !== undefined ? { latitude: input.latitude, longitude: input.longitude } : null;
  if (!point && input.districtId) point = await districtPoint(db, input.districtId);
  if (!point) throw new AppError("INVALID_INPUT", { userMessage: "探す場所を選んでください（現在地、地区、または地図で）。" });
  if (!(point.latitude >= 20 && point.latitude <= 46 && point.longitude >= 122 && point.longitude <= 154)) {
    throw new AppError("INVALID_INPUT", { userMessage: "日本国内の場所を選んでください。" });
  }
  if (input.birthMonth && input.startMonth && input.birthMonth > input.startMonth) {
    throw new AppError("INVALID_INPUT", { userMessage: "入園を希望する月は、お子さまの生まれた月より後にしてください。" });
  }
  const result = await searchNurseries(db, { ...input, ...point, limit: 30 });
  return { point, child: result.child, startMonth: result.startMonth, hits: result.hits };
}

export async function facilityDetail(db: Db, id: number) {
  const facility = Number.isInteger(id) && id > 0 ? await db.nurseryFacility.findUnique({ where: { id }, include: { vacancies: { orderBy: { ageClass: "asc" } } } }) : null;
  if (!facility) throw new AppError("NOT_FOUND", { userMessage: "この施設は見つかりませんでした。一覧から選び直してください。" });
  return {
    id: facility.id,
    name: facility.name,
    nameKana: facility.nameKana,
    type: facility.type,
    typeLabel: facility.typeLabel,
    ownership: facility.ownership,
    operator: facility.operator,
    minAgeMonths: facility.minAgeMonths,
    maxAgeClass: facility.maxAgeClass,
    agesLabel: facility.agesLabel,
    capacity: facility.capacity,
    opensAt: facility.opensAt,
    closesAt: facility.closesAt,
    hoursNote: facility.hoursNote,
    extendedCare: facility.extendedCare,
    temporaryCare: facility.temporaryCare,
    holidayCare: facility.holidayCare,
    nightCare: facility.nightCare,
    allDayCare: facility.allDayCare,
    address: facility.address,
    phone: facility.phone,
    url: facility.url,
    note: facility.note,
    latitude: facility.latitude,
    longitude: facility.longitude,
    vacancyFlag: facility.vacancyFlag,
    vacancyNote: facility.vacancyNote,
    vacancies: facility.vacancies.map((v) => ({ ageClass: v.ageClass, status: v.status, places: v.places, asOf: v.asOf.toISOString().slice(0, 10) })),
  };
}
