// Nursery search and data against a real database: nearest first with exact distances, the child's
// age at the start month, type and service filters, vacancies per class, sparse filters, districts,
// re-import keeping vacancies, and the monthly vacancy update.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/scripts/test/db";
import { seedStaff } from "@/scripts/test/factories";
import { CLI_ACTOR } from "@/lib/audit/write-audit";
import { distanceMetres } from "./labels";
import { importNurseries } from "./import";
import { parseNurseryCsv, type ParsedFacility } from "./parse";
import { districtPoint, searchNurseries } from "./search";
import { updateVacancies, vacancyInputFromForm } from "./manage";

const t = useTestDatabase();
const CENTRE = { latitude: 35.55, longitude: 139.45 };
const M_PER_DEG = 111_320;

function at(east: number, north: number) {
  return { latitude: CENTRE.latitude + north / M_PER_DEG, longitude: CENTRE.longitude + east / (M_PER_DEG * Math.cos((CENTRE.latitude * Math.PI) / 180)) };
}

function facility(name: string, east: number, north: number, extra: Partial<ParsedFacility> = {}): ParsedFacility {
  return {
    externalId: name,
    name,
    nameKana: "",
    type: "LICENSED",
    typeLabel: "認可保育所",
    ownership: "",
    operator: "",
    minAgeMonths: 2,
    maxAgeClass: 5,
    agesLabel: "",
    capacity: 60,
    opensAt: 420,
    closesAt: 1140,
    hoursNote: "",
    extendedCare: false,
    temporaryCare: false,
    holidayCare: false,
    nightCare: false,
    allDayCare: false,
    address: `テスト市 ${name}`,
    phone: "",
    fax: "",
    url: "",
    note: "",
    vacancyFlag: null,
    vacancyNote: "",
    ...at(east, north),
    ...extra,
  };
}

const FACILITIES = [
  facility("A 近い認可", 300, 0, { extendedCare: true }),
  facility("B 小規模", 500, 0, { type: "SMALL_SCALE", typeLabel: "小規模保育事業", maxAgeClass: 2 }),
  facility("C こども園", 800, 0, { type: "CERTIFIED_CENTER", typeLabel: "認定こども園", minAgeMonths: 12, extendedCare: true }),
  facility("D 3歳から", 600, 0, { minAgeMonths: 36, extendedCare: true }),
  facility("E 認可外", -1200, 0, { type: "UNLICENSED", typeLabel: "認可外保育施設", minAgeMonths: 6, extendedCare: true, holidayCare: true }),
  facility("F 遠い", 25_000, 0, { extendedCare: true }),
];

describe("[NURSERY] search", () => {
  it("imports a source and finds facilities nearest first with exact distances", async () => {
    const result = await importNurseries(t.db, { source: "test", facilities: FACILITIES, actor: CLI_ACTOR });
    expect(result).toMatchObject({ created: 6, updated: 0, removed: 0 });
    const found = await searchNurseries(t.db, { ...CENTRE, limit: 10 });
    expect(found.hits.map((h) => h.name)).toEqual(["A 近い認可", "B 小規模", "D 3歳から", "C こども園", "E 認可外", "F 遠い"]);
    const a = found.hits[0]!;
    expect(a.distanceMetres).toBeGreaterThan(290);
    expect(a.distanceMetres).toBeLessThan(310);
    expect(Math.abs(a.distanceMetres - distanceMetres(CENTRE.latitude, CENTRE.longitude, a.latitude, a.longitude))).toBeLessThan(1);
  });

  it("keeps facilities that take the child at the start month, with 延長保育, in distance order", async () => {
    // Born May 2025: 11 months (0歳児 class) in April 2026, 1歳児 from April 2027.
    const oneYearOld = await searchNurseries(t.db, { ...CENTRE, birthMonth: "2025-02", startMonth: "2026-04", extendedCare: true, maxDistanceKm: 10 });
    expect(oneYearOld.child).toEqual({ months: 14, ageClass: 1 });
    expect(oneYearOld.hits.map((h) => h.name)).toEqual(["A 近い認可", "C こども園", "E 認可外"]);
    const baby = await searchNurseries(t.db, { ...CENTRE, birthMonth: "2026-01", startMonth: "2026-04", maxDistanceKm: 10 });
    expect(baby.hits.map((h) => h.name)).toEqual(["A 近い認可", "B 小規模"]);
    const types = await searchNurseries(t.db, { ...CENTRE, types: ["CERTIFIED_CENTER", "UNLICENSED"], holidayCare: true });
    expect(types.hits.map((h) => h.name)).toEqual(["E 認可外"]);
    expect(await searchNurseries(t.db, { ...CENTRE, nightCare: true })).toMatchObject({ hits: [] });
  });

  it("filters by a vacancy in the child's class, and falls back to the source's own flag", async () => {
    const staff = await seedStaff(t.db, { roles: ["EDITOR"] });
    const byName = new Map((await t.db.nurseryFacility.findMany({ where: { source: "test" } })).map((f) => [f.name, f.id]));
    const values: Record<string, string> = { asOf: "2026-03" };
    values[`v_${byName.get("A 近い認可")}_1`] = "NONE";
    values[`v_${byName.get("C こども園")}_1`] = "FEW";
    values[`p_${byName.get("C こども園")}_1`] = "2";
    const saved = await updateVacancies(t.db, { ...vacancyInputFromForm(values), actor: { id: staff.id, label: staff.name } });
    expect(saved.changed).toBe(2);
    await t.db.nurseryFacility.update({ where: { id: byName.get("E 認可外")! }, data: { vacancyFlag: true } });
    const open = await searchNurseries(t.db, { ...CENTRE, birthMonth: "2025-02", startMonth: "2026-04", vacancyOnly: true, maxDistanceKm: 10 });
    expect(open.hits.map((h) => [h.name, h.vacancy?.status ?? null])).toEqual([
      ["C こども園", "FEW"],
      ["E 認可外", null],
    ]);
    expect(open.hits[0]!.vacancy).toEqual({ status: "FEW", places: 2, asOf: "2026-03-01" });
    expect(await t.db.auditLog.count({ where: { action: "nursery.vacancy.update", actorId: staff.id } })).toBe(1);
  });

  it("re-importing a source updates facilities and keeps the vacancies staff entered", async () => {
    const changed = FACILITIES.filter((f) => f.name !== "F 遠い").map((f) => (f.name === "A 近い認可" ? { ...f, capacity: 90 } : f));
    const result = await importNurseries(t.db, { source: "test", facilities: changed, actor: CLI_ACTOR });
    expect(result).toMatchObject({ created: 0, updated: 5, removed: 1 });
    const c = await t.db.nurseryFacility.findFirstOrThrow({ where: { source: "test", name: "C こども園" }, include: { vacancies: true } });
    expect(c.vacancies).toHaveLength(1);
    expect((await t.db.nurseryFacility.findFirstOrThrow({ where: { source: "test", name: "A 近い認可" } })).capacity).toBe(90);
  });

  it("finds the nearest of many in a small radius, widens it for sparse filters, and sees any change at once", async () => {
    const many = Array.from({ length: 2000 }, (_, i) => facility(`G${i}`, ((i * 7919) % 20000) - 10000, ((i * 104729) % 20000) - 10000, { externalId: `g${i}`, nightCare: i === 1999 }));
    await importNurseries(t.db, { source: "grid", facilities: many, actor: CLI_ACTOR });
    const nearest = await searchNurseries(t.db, { ...at(5000, 5000), limit: 5 });
    const all = await t.db.nurseryFacility.findMany({ select: { id: true, name: true, latitude: true, longitude: true } });
    const target = at(5000, 5000);
    const expected = all
      .map((f) => ({ id: f.id, name: f.name, d: Math.round(distanceMetres(target.latitude, target.longitude, f.latitude, f.longitude)) }))
      .sort((a, b) => a.d - b.d || a.id - b.id)
      .slice(0, 5)
      .map((f) => f.name);
    expect(nearest.hits.map((h) => h.name)).toEqual(expected);
    expect(nearest).toMatchObject({ rounds: 1, radiusKm: 2 });
    expect(nearest.scanned).toBeLessThan(nearest.facilities / 2);
    const sparse = await searchNurseries(t.db, { ...CENTRE, nightCare: true });
    expect(sparse.hits.map((h) => h.name)).toEqual(["G1999"]);
    expect(sparse.radiusKm).toBe(30);
    // Changed by another instance (here: plain SQL), seen by the next search; a rolled-back change is not.
    await t.db.$executeRaw`UPDATE nursery_facility SET night_care = true WHERE name = 'G1998'`;
    expect((await searchNurseries(t.db, { ...CENTRE, nightCare: true })).hits.map((h) => h.name).sort()).toEqual(["G1998", "G1999"]);
    await t.db
      .$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE nursery_facility SET night_care = false WHERE name = 'G1998'`;
        expect((await searchNurseries(tx, { ...CENTRE, nightCare: true })).hits.map((h) => h.name)).toEqual(["G1999"]);
        throw new Error("rollback");
      })
      .catch(() => undefined);
    expect((await searchNurseries(t.db, { ...CENTRE, nightCare: true })).hits.map((h) => h.name).sort()).toEqual(["G1998", "G1999"]);
  });

  it("reads open-data CSV and gives a district's point for 'near my district'", async () => {
    const schoolDistrict = await t.db.schoolDistrict.create({ data: { code: "NS1", name: "中央小学校区" } });
    const district = await t.db.district.create({ data: { code: "N01", name: "中央一丁目", kana: "ちゅうおう", schoolDistrictId: schoolDistrict.id } });
    await t.db.municipality.create({ data: { id: 1, name: "テスト市", nameKana: "てすとし", prefecture: "テスト県", localGovCode: "999999" } });
    const csv = `名称,種別,所在地_連結表記,緯度,経度\n中央保育園,認可保育所,テスト県テスト市中央一丁目1-1,${CENTRE.latitude},${CENTRE.longitude}\n札幌の中央保育園,認可保育所,札幌市中央一丁目,43.06,141.35\n`;
    const parsed = parseNurseryCsv(new TextEncoder().encode(csv));
    await importNurseries(t.db, { source: "csv", facilities: parsed.facilities, actor: CLI_ACTOR });
    const rows = await t.db.nurseryFacility.findMany({ where: { source: "csv" }, orderBy: { name: "asc" } });
    expect(rows.map((r) => [r.name, r.districtId])).toEqual([
      ["中央保育園", district.id],
      ["札幌の中央保育園", null],
    ]);
    expect(await districtPoint(t.db, district.id)).toEqual({ latitude: CENTRE.latitude, longitude: CENTRE.longitude });
  });
});
