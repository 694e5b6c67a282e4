// Staff edits of nursery facilities and the monthly vacancy update (/staff/content/nurseries).
import type { Db, DbTx } from "@/lib/db";
import { z } from "@/lib/zod";
import { AppError } from "@/lib/errors";
import { diffSummary, writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { AGE_CLASSES, NURSERY_TYPES, VACANCY_STATUSES, parseTimeOfDay, type NurseryTypeValue } from "@/lib/nursery/labels";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const time = z
  .string()
  .trim()
  .refine((v) => v === "" || parseTimeOfDay(v) !== undefined, "7:30 のように時刻を入力してください。")
  .transform((v) => (v === "" ? null : parseTimeOfDay(v)!));
const optionalInt = z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().int().min(0).max(10_000).nullable());

export const facilitySchema = z.object({
  name: z.string().trim().min(1, "施設名を入力してください。").max(200),
  nameKana: z.string().trim().max(200).default(""),
  type: z.enum(NURSERY_TYPES, "施設の種類を選んでください。"),
  typeLabel: z.string().trim().max(100).default(""),
  ownership: z.string().trim().max(50).default(""),
  operator: z.string().trim().max(200).default(""),
  minAgeMonths: z.coerce.number().int().min(0, "0 以上で入力してください。").max(72),
  maxAgeClass: z.coerce.number().int().min(0).max(5),
  capacity: optionalInt,
  opensAt: time,
  closesAt: time,
  hoursNote: z.string().trim().max(200).default(""),
  extendedCare: checkbox.default(false),
  temporaryCare: checkbox.default(false),
  holidayCare: checkbox.default(false),
  nightCare: checkbox.default(false),
  address: z.string().trim().min(1, "所在地を入力してください。").max(300),
  phone: z.string().trim().max(30).regex(/^[0-9０-９\-－() ]*$/, "電話番号は数字とハイフンで入力してください。").default(""),
  url: z.union([z.literal(""), z.url("https:// で始まる URL を入力してください。")]).default(""),
  note: z.string().trim().max(2000).default(""),
  latitude: z.coerce.number("緯度を数字で入力してください。").min(20, "日本の範囲の緯度を入力してください。").max(46, "日本の範囲の緯度を入力してください。"),
  longitude: z.coerce.number("経度を数字で入力してください。").min(122, "日本の範囲の経度を入力してください。").max(154, "日本の範囲の経度を入力してください。"),
  districtId: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().int().positive().nullable()),
});
export const updateFacilitySchema = facilitySchema.extend({ facilityId: z.coerce.number().int().positive() });
export type FacilityInput = z.infer<typeof facilitySchema>;

const TYPE_LABEL_DEFAULTS: Record<NurseryTypeValue, string> = {
  LICENSED: "認可保育所",
  CERTIFIED_CENTER: "認定こども園",
  SMALL_SCALE: "小規模保育事業",
  HOME_BASED: "家庭的保育事業",
  WORKPLACE: "事業所内保育事業",
  UNLICENSED: "認可外保育施設",
  KINDERGARTEN: "幼稚園",
  OTHER: "その他",
};

async function checkDistrict(tx: DbTx, districtId: number | null) {
  if (districtId && !(await tx.district.findUnique({ where: { id: districtId } }))) throw new AppError("INVALID_INPUT", { userMessage: "地区（町丁目）を選び直してください。" });
}

export async function createFacility(db: Db, input: FacilityInput & { actor: AuditActor }) {
  return db.$transaction(async (tx) => {
    await checkDistrict(tx, input.districtId);
    const { actor, ...data } = input;
    const facility = await tx.nurseryFacility.create({ data: { ...data, source: "staff", typeLabel: data.typeLabel || TYPE_LABEL_DEFAULTS[data.type] } });
    await writeAudit(tx, { actor, action: "nursery.facility.create", target: { type: "nursery-facility", id: String(facility.id) }, summary: { name: facility.name } });
    return facility;
  });
}

export async function updateFacility(db: Db, input: FacilityInput & { facilityId: number; actor: AuditActor }) {
  return db.$transaction(async (tx) => {
    const before = await tx.nurseryFacility.findUnique({ where: { id: input.facilityId } });
    if (!before) throw new AppError("NOT_FOUND", { userMessage: "この施設は見つかりませんでした。画面を再読み込みしてください。" });
    await checkDistrict(tx, input.districtId);
    const { actor, facilityId, ...data } = input;
    const after = { ...data, typeLabel: data.typeLabel || TYPE_LABEL_DEFAULTS[data.type] };
    const facility = await tx.nurseryFacility.update({ where: { id: facilityId }, data: after });
    await writeAudit(tx, { actor, action: "nursery.facility.update", target: { type: "nursery-facility", id: String(facility.id) }, summary: diffSummary(before, after) });
    return facility;
  });
}

export async function deleteFacility(db: Db, input: { facilityId: number; actor: AuditActor }) {
  await db.$transaction(async (tx) => {
    const facility = await tx.nurseryFacility.findUnique({ where: { id: input.facilityId } });
    if (!facility) throw new AppError("NOT_FOUND", { userMessage: "この施設は見つかりませんでした。画面を再読み込みしてください。" });
    await tx.nurseryFacility.delete({ where: { id: facility.id } });
    await writeAudit(tx, { actor: input.actor, action: "nursery.facility.delete", target: { type: "nursery-facility", id: String(facility.id) }, summary: { name: facility.name, source: facility.source } });
  });
}

export async function findFacilities(db: DbTx, options: { q?: string; type?: NurseryTypeValue; districtId?: number; page: number; pageSize: number }) {
  const q = options.q?.trim();
  const where = {
    ...(options.type ? { type: options.type } : {}),
    ...(options.districtId ? { districtId: options.districtId } : {}),
    ...(q ? { OR: [{ name: { contains: q } }, { nameKana: { contains: q } }, { address: { contains: q } }] } : {}),
  };
  const [total, rows] = await Promise.all([
    db.nurseryFacility.count({ where }),
    db.nurseryFacility.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (options.page - 1) * options.pageSize, take: options.pageSize, include: { vacancies: true } }),
  ]);
  return { total, rows, pageCount: Math.max(1, Math.ceil(total / options.pageSize)) };
}

// ── the monthly vacancy update

const vacancyCell = z.enum([...VACANCY_STATUSES, ""] as const);
export const vacancyUpdateSchema = z.object({
  /** The month the figures are for (YYYY-MM). */
  asOf: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "何月時点の空き状況かを選んでください。"),
  facilities: z
    .array(
      z.object({
        facilityId: z.number().int().positive(),
        classes: z.array(z.object({ ageClass: z.number().int().min(0).max(5), status: vacancyCell, places: z.number().int().min(0).max(999).nullable() })),
      }),
    )
    .min(1, "更新する施設がありません。"),
});
export type VacancyUpdateInput = z.infer<typeof vacancyUpdateSchema>;

/** Form fields `v_<facilityId>_<ageClass>` (status) and `p_<facilityId>_<ageClass>` (places) → input. */
export function vacancyInputFromForm(values: Record<string, string | string[]>): VacancyUpdateInput {
  const facilities = new Map<number, VacancyUpdateInput["facilities"][number]>();
  for (const [key, raw] of Object.entries(values)) {
    const m = /^v_(\d+)_(\d)$/.exec(key);
    if (!m || typeof raw !== "string") continue;
    const facilityId = Number(m[1]);
    const ageClass = Number(m[2]);
    const placesRaw = values[`p_${facilityId}_${ageClass}`];
    const places = typeof placesRaw === "string" && placesRaw.trim() !== "" ? Number(placesRaw.normalize("NFKC")) : null;
    const entry = facilities.get(facilityId) ?? { facilityId, classes: [] };
    entry.classes.push({ ageClass, status: raw as VacancyUpdateInput["facilities"][number]["classes"][number]["status"], places: Number.isFinite(places) ? places : null });
    facilities.set(facilityId, entry);
  }
  return { asOf: typeof values.asOf === "string" ? values.asOf : "", facilities: [...facilities.values()] };
}

/** Saves the vacancies of several facilities for one month (an empty cell removes that class's figure). */
export async function updateVacancies(db: Db, input: VacancyUpdateInput & { actor: AuditActor & { id: string | null } }) {
  const asOf = new Date(`${input.asOf}-01T00:00:00Z`);
  return db.$transaction(async (tx) => {
    const ids = input.facilities.map((f) => f.facilityId);
    const found = await tx.nurseryFacility.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    if (found.length !== new Set(ids).size) throw new AppError("NOT_FOUND", { userMessage: "施設の一覧が変わりました。画面を再読み込みしてください。" });
    let changed = 0;
    for (const facility of input.facilities) {
      for (const c of facility.classes) {
        if (!AGE_CLASSES.includes(c.ageClass as (typeof AGE_CLASSES)[number])) continue;
        if (c.status === "") {
          const removed = await tx.nurseryVacancy.deleteMany({ where: { facilityId: facility.facilityId, ageClass: c.ageClass } });
          changed += removed.count;
          continue;
        }
        await tx.nurseryVacancy.upsert({
          where: { facilityId_ageClass: { facilityId: facility.facilityId, ageClass: c.ageClass } },
          create: { facilityId: facility.facilityId, ageClass: c.ageClass, status: c.status, places: c.places, asOf, updatedById: input.actor.id },
          update: { status: c.status, places: c.places, asOf, updatedById: input.actor.id },
        });
        changed++;
      }
    }
    await writeAudit(tx, {
      actor: input.actor,
      action: "nursery.vacancy.update",
      target: { type: "nursery-dataset", id: input.asOf },
      summary: { asOf: input.asOf, facilities: found.map((f) => f.name).slice(0, 50), classesChanged: changed },
    });
    return { changed };
  });
}
