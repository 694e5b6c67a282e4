// Nursery search: facilities near a point that take the child (age at the intended start month),
// filtered by type and services and optionally by a vacancy in the child's age class, nearest first.
//
// In memory, per app instance: a city has hundreds of facilities, the whole country ~40,000, and a
// search must answer in milliseconds on a busy database. Each instance keeps a snapshot of the
// facilities (sorted by latitude) and their vacancies, and checks on every search — one primary-key
// read — the data version that triggers bump on any change of nursery_facility / nursery_vacancy
// (migration 20261128200100_nursery_search_version), so staff edits and imports made on any
// instance are seen by the next search everywhere (a reload slower than RELOAD_WAIT_MS — tens of
// thousands of facilities — answers once more from the previous snapshot meanwhile). A search scans the latitude band of a radius that grows
// (2 km, ×2.5 … up to the maximum distance) until it holds `limit` matches, with a cheap flat
// distance test before the exact great-circle distance. The first SQL version (a GiST index on the
// position, nearest first) is compared in docs/benchmarks.md.
import type { DbTx } from "@/lib/db";
import { z } from "@/lib/zod";
import { childAgeAt, distanceMetres, NURSERY_TYPES, type NurseryTypeValue, type VacancyStatusValue } from "@/lib/nursery/labels";

export const nurserySearchSchema = z.object({
  latitude: z.coerce.number().min(20).max(46),
  longitude: z.coerce.number().min(122).max(154),
  /** The child's birth month (YYYY-MM). Without it, ages are not filtered. */
  birthMonth: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  /** The month the child would start (YYYY-MM); default the next month. */
  startMonth: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  types: z.array(z.enum(NURSERY_TYPES)).optional(),
  extendedCare: z.boolean().optional(),
  temporaryCare: z.boolean().optional(),
  holidayCare: z.boolean().optional(),
  nightCare: z.boolean().optional(),
  /** Only facilities with a vacancy (空きあり・若干) in the child's age class. */
  vacancyOnly: z.boolean().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  maxDistanceKm: z.coerce.number().min(0.5).max(100).default(30),
});
export type NurserySearchInput = z.input<typeof nurserySearchSchema>;

export type NurserySearchHit = {
  id: number;
  name: string;
  type: NurseryTypeValue;
  typeLabel: string;
  address: string;
  phone: string;
  latitude: number;
  longitude: number;
  distanceMetres: number;
  capacity: number | null;
  opensAt: number | null;
  closesAt: number | null;
  extendedCare: boolean;
  temporaryCare: boolean;
  holidayCare: boolean;
  nightCare: boolean;
  minAgeMonths: number;
  maxAgeClass: number;
  /** The vacancy of the child's age class (null when not known). */
  vacancy: { status: VacancyStatusValue; places: number | null; asOf: string } | null;
  vacancyFlag: boolean | null;
};

export type NurserySearchResult = {
  hits: NurserySearchHit[];
  child: { months: number; ageClass: number } | null;
  startMonth: string;
  /** The radius finally searched (km): grown from 2 km until `limit` facilities matched, at most the maximum distance. */
  radiusKm: number;
  /** Facilities looked at, and how many times the radius grew (for the benchmark). */
  scanned: number;
  rounds: number;
  facilities: number;
};

function nextMonth(now: Date): string {
  const jst = new Date(now.getTime() + 9 * 3_600_000);
  const index = jst.getUTCFullYear() * 12 + jst.getUTCMonth() + 1;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

type Vacancy = { status: VacancyStatusValue; places: number | null; asOf: string };
type Facility = Omit<NurserySearchHit, "distanceMetres" | "vacancy"> & {
  /** Vacancy per age class 0 … 5 (undefined: not known). */
  vacancies: (Vacancy | undefined)[];
  /** Some class has 空きあり or 若干. */
  anyVacancy: boolean;
};
export type NurserySnapshot = { key: string; facilities: Facility[]; latitudes: Float64Array; loadedMs: number };

/** Metres per degree of latitude, rounded down (the band must not be too narrow). */
const M_PER_DEGREE_LAT = 110_500;
/** Metres per degree of longitude at the equator, rounded down (the flat test must not reject a true match). */
const M_PER_DEGREE_LNG_EQUATOR = 111_000;
const FIRST_RADIUS_M = 2000;

const globalForSnapshot = globalThis as unknown as { kairanNurserySnapshot?: NurserySnapshot; kairanNurseryLoad?: { key: string; promise: Promise<NurserySnapshot> } };

async function currentKey(db: DbTx): Promise<string> {
  const rows = await db.$queryRaw<{ key: string }[]>`
    SELECT current_database() || ':' || coalesce((SELECT version::text FROM nursery_data_version WHERE id = 1), '0') AS key`;
  return rows[0]!.key;
}

type FacilityRow = {
  id: number;
  name: string;
  type: NurseryTypeValue;
  type_label: string;
  address: string;
  phone: string;
  latitude: number;
  longitude: number;
  capacity: number | null;
  opens_at: number | null;
  closes_at: number | null;
  extended_care: boolean;
  temporary_care: boolean;
  holiday_care: boolean;
  night_care: boolean;
  min_age_months: number;
  max_age_class: number;
  vacancy_flag: boolean | null;
  vacancies: string | null;
};

/** Reads every facility and vacancy (the version is read first: a change during the read only makes the next search reload). */
export async function loadNurserySnapshot(db: DbTx, key?: string): Promise<NurserySnapshot> {
  const started = performance.now();
  const snapshotKey = key ?? (await currentKey(db));
  // One row per facility, its vacancies folded into one text ("class:status:places:as_of;…"): row
  // mapping dominates the load, and vacancies are ~5 per facility.
  const facilityRows = await db.$queryRaw<FacilityRow[]>`
    SELECT id, name, type, type_label, address, phone, latitude, longitude, capacity, opens_at, closes_at,
      extended_care, temporary_care, holiday_care, night_care, min_age_months, max_age_class, vacancy_flag,
      (SELECT string_agg(v.age_class || ':' || v.status || ':' || coalesce(v.places::text, '') || ':' || v.as_of, ';')
        FROM nursery_vacancy v WHERE v.facility_id = f.id) AS vacancies
    FROM nursery_facility f ORDER BY latitude, id`;
  const facilities = facilityRows.map((row): Facility => {
    const f: Facility = {
      id: row.id,
      name: row.name,
      type: row.type,
      typeLabel: row.type_label,
      address: row.address,
      phone: row.phone,
      latitude: row.latitude,
      longitude: row.longitude,
      capacity: row.capacity,
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      extendedCare: row.extended_care,
      temporaryCare: row.temporary_care,
      holidayCare: row.holiday_care,
      nightCare: row.night_care,
      minAgeMonths: row.min_age_months,
      maxAgeClass: row.max_age_class,
      vacancyFlag: row.vacancy_flag,
      vacancies: [],
      anyVacancy: false,
    };
    for (const entry of row.vacancies ? row.vacancies.split(";") : []) {
      const [ageClass, status, places, asOf] = entry.split(":") as [string, VacancyStatusValue, string, string];
      const c = Number(ageClass);
      if (!(c >= 0 && c <= 5)) continue;
      f.vacancies[c] = { status, places: places === "" ? null : Number(places), asOf };
      if (status === "AVAILABLE" || status === "FEW") f.anyVacancy = true;
    }
    return f;
  });
  const latitudes = Float64Array.from(facilities, (f) => f.latitude);
  return { key: snapshotKey, facilities, latitudes, loadedMs: Math.round(performance.now() - started) };
}

/**
 * How long a search waits for a reload before answering from the snapshot it already has (one change
 * behind; the reload goes on and the next searches use it). A city's few hundred facilities reload in
 * tens of milliseconds, so its residents always see the change; 40,000 take seconds (docs/benchmarks.md).
 */
export const RELOAD_WAIT_MS = 500;

/** This instance's snapshot, reloaded when the data version changed (checked on every call). */
export async function getNurserySnapshot(db: DbTx): Promise<NurserySnapshot> {
  const key = await currentKey(db);
  const current = globalForSnapshot.kairanNurserySnapshot;
  if (current?.key === key) return current;
  const sameDatabase = current !== undefined && current.key.split(":")[0] === key.split(":")[0];
  let load = globalForSnapshot.kairanNurseryLoad;
  if (load && load.key !== key) {
    // A reload for an earlier version is running: one at a time. Answer from the snapshot in hand;
    // the search after that reload sees this version and loads it.
    if (sameDatabase) return current;
    await load.promise.catch(() => undefined);
    return getNurserySnapshot(db);
  }
  if (!load) {
    const promise = loadNurserySnapshot(db, key);
    const started = { key, promise };
    load = started;
    globalForSnapshot.kairanNurseryLoad = started;
    promise
      .then((snapshot) => {
        globalForSnapshot.kairanNurserySnapshot = snapshot;
      })
      .catch(() => undefined)
      .finally(() => {
        if (globalForSnapshot.kairanNurseryLoad === started) globalForSnapshot.kairanNurseryLoad = undefined;
      });
  }
  // No snapshot of this database yet (first search, tests, scripts): wait for the load.
  if (!sameDatabase) return load.promise;
  let timer: NodeJS.Timeout | undefined;
  const stale = new Promise<NurserySnapshot>((resolve) => {
    timer = setTimeout(() => resolve(current), RELOAD_WAIT_MS);
  });
  try {
    return await Promise.race([load.promise, stale]);
  } finally {
    clearTimeout(timer);
  }
}

/** First index whose latitude is ≥ value. */
function lowerBound(values: Float64Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export async function searchNurseries(db: DbTx, input: NurserySearchInput, options: { now?: Date } = {}): Promise<NurserySearchResult> {
  const q = nurserySearchSchema.parse(input);
  const startMonth = q.startMonth ?? nextMonth(options.now ?? new Date());
  const child = q.birthMonth ? (childAgeAt(q.birthMonth, startMonth) ?? null) : null;
  // Without a birth month the vacancy filter looks at any class.
  const ageClass = child?.ageClass ?? null;
  const types = q.types?.length ? new Set<string>(q.types) : null;
  const snapshot = await getNurserySnapshot(db);

  const matches = (f: Facility): boolean => {
    if (child && (f.minAgeMonths > child.months || f.maxAgeClass < child.ageClass)) return false;
    if (types && !types.has(f.type)) return false;
    if ((q.extendedCare && !f.extendedCare) || (q.temporaryCare && !f.temporaryCare) || (q.holidayCare && !f.holidayCare) || (q.nightCare && !f.nightCare)) return false;
    if (q.vacancyOnly) {
      // 空きあり: the class's vacancy as staff entered it; where there is none, the source's own flag
      // (papamama `Vacancy`). Without a birth month: a vacancy in any class.
      if (ageClass === null) return f.anyVacancy || f.vacancyFlag === true;
      const v = f.vacancies[ageClass];
      return v ? v.status === "AVAILABLE" || v.status === "FEW" : f.vacancyFlag === true;
    }
    return true;
  };

  const maxMetres = q.maxDistanceKm * 1000;
  let radius = Math.min(FIRST_RADIUS_M, maxMetres);
  let found: { f: Facility; d: number }[] = [];
  let scanned = 0;
  let rounds = 0;
  for (;;) {
    rounds++;
    found = [];
    const dLat = radius / M_PER_DEGREE_LAT;
    // A degree of longitude is shortest at the band's edge nearest the pole; 2 % margin for the
    // great circle's bow. Within dLat and dLng: every facility within `radius`, and more.
    const dLng = (radius * 1.02) / (M_PER_DEGREE_LNG_EQUATOR * Math.cos((Math.min(89, Math.abs(q.latitude) + dLat) * Math.PI) / 180));
    const end = lowerBound(snapshot.latitudes, q.latitude + dLat + 1e-12);
    for (let i = lowerBound(snapshot.latitudes, q.latitude - dLat); i < end; i++) {
      const f = snapshot.facilities[i]!;
      scanned++;
      if (Math.abs(f.longitude - q.longitude) > dLng || !matches(f)) continue;
      const d = distanceMetres(q.latitude, q.longitude, f.latitude, f.longitude);
      if (d <= radius) found.push({ f, d });
    }
    if (found.length >= q.limit || radius >= maxMetres) break;
    radius = Math.min(maxMetres, radius * 2.5);
  }
  const hits = found
    .map(({ f, d }) => toHit(f, d, ageClass))
    .filter((h) => h.distanceMetres <= maxMetres)
    .sort((a, b) => a.distanceMetres - b.distanceMetres || a.id - b.id)
    .slice(0, q.limit);
  return { hits, child, startMonth, radiusKm: Math.round(radius / 100) / 10, scanned, rounds, facilities: snapshot.facilities.length };
}

function toHit(f: Facility, distance: number, ageClass: number | null): NurserySearchHit {
  const { vacancies, anyVacancy: _any, ...rest } = f;
  return { ...rest, distanceMetres: Math.round(distance), vacancy: ageClass === null ? null : (vacancies[ageClass] ?? null) };
}

/** A point for "search near my district": the district's own point, or the middle of its facilities. */
export async function districtPoint(db: DbTx, districtId: number): Promise<{ latitude: number; longitude: number } | null> {
  const point = await db.nurseryDistrictPoint.findUnique({ where: { districtId } });
  if (point) return { latitude: point.latitude, longitude: point.longitude };
  const rows = await db.$queryRaw<{ latitude: number | null; longitude: number | null }[]>`
    SELECT avg(latitude) AS latitude, avg(longitude) AS longitude FROM nursery_facility WHERE district_id = ${districtId}`;
  const row = rows[0];
  return row && row.latitude !== null && row.longitude !== null ? { latitude: Number(row.latitude), longitude: Number(row.longitude) } : null;
}
