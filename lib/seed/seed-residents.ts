// Synthetic residents, numbered 1..N, generated inside PostgreSQL: a set-based INSERT … SELECT over
// generate_series, split into ranges that run on parallel connections. Idempotent: residents that
// already exist (same LINE user id) are skipped, so `seed --residents N` tops the city up to N.
import pg from "pg";
import { SYNTHETIC_SQL } from "@/lib/demo/synthetic-residents";
import { TERMS_VERSION } from "@/lib/registration/terms";
import { rebuildSegmentIndex } from "@/lib/segments/segment-index";

export type SeedResidentsOptions = {
  count: number;
  /** First resident number (default 1). */
  from?: number;
  /** Parallel connections (default 2: one per core on these machines). */
  parallel?: number;
  /** Residents per statement; smaller chunks give progress and keep transactions short. */
  chunkSize?: number;

  onProgress?: (done: number, total: number) => void;
};

export type SeedResidentsResult = { requested: number; inserted: number; seconds: number };

// Distribution of the synthetic population (roughly that of a Japanese city of 100k, with LINE users
// skewing younger): 65 % registered, ~3 % blocked (n % 37 = 0, as lib/demo/constants.ts), 88 % Japanese.
// Registered residents also get what the registration form asks, so segments are meaningful at a
// million: topics (each 15–55 %), disaster subscriptions (their home 地区, 1 in 10 a second one),
// children (1 in 4 households, born 0–17 years before now), a pregnancy (1 in 70), tags (1 in 50 / 100).
// Every value is a pure function of n (multiplicative hashes), so reruns and parallel chunks agree.

function residentsSelect(districtIds: number[]): string {
  const n = "n";
  const districts = `array[${districtIds.join(",")}]::int[]`;
  const registered = `((${n} % 20) < 13)`;
  const h = (salt: number, mod: number) => `((${n}::bigint * ${salt}) % 2147483647 % ${mod})`;
  const district = `(${districts})[((${n}::bigint * 2654435761) % 4294967296 % ${districtIds.length}) + 1]`;
  const nowMonth = `(extract(year from now() at time zone 'Asia/Tokyo')::int * 12 + extract(month from now() at time zone 'Asia/Tokyo')::int - 1)`;
  const topic = (code: string, salt: number, percent: number) => `case when ${h(salt, 100)} < ${percent} then '${code}' end`;
  return `
    select
      ${SYNTHETIC_SQL.lineUserId(n)} as line_user_id,
      ${SYNTHETIC_SQL.displayName(n)} as display_name,
      case when ${n} % 37 = 0 then 'BLOCKED' else 'FOLLOWING' end::follow_status as follow_status,
      now() - make_interval(days => ((${n} * 97) % 900)::int, secs => (${n} % 86400)::int) as followed_at,
      case when ${n} % 37 = 0 then now() - make_interval(days => ((${n} * 13) % 60)::int) end as blocked_at,
      case when ${registered} then now() - make_interval(days => ((${n} * 89) % 800)::int) end as registered_at,
      case when ${registered} then ${district} end as district_id,
      case when ${registered} then (1940 + ((${n} * 17) % 66))::smallint end as birth_year,
      case when ${registered} then (1 + ((${n} * 7) % 12))::smallint end as birth_month,
      case when ${registered} then
        case when (${n} * 11) % 20 < 9 then 'FEMALE' when (${n} * 11) % 20 < 17 then 'MALE'
             when (${n} * 11) % 20 < 18 then 'OTHER' else 'UNANSWERED' end::gender end as gender,
      case when (${n} * 3) % 100 < 88 then 'ja' when (${n} * 3) % 100 < 92 then 'ja-easy'
           when (${n} * 3) % 100 < 95 then 'en' when (${n} * 3) % 100 < 97 then 'zh'
           when (${n} * 3) % 100 < 98 then 'ko' when (${n} * 3) % 100 < 99 then 'vi' else 'pt' end as preferred_language,
      case when ${registered} then array_remove(array[
        ${topic("shisei", 40503, 55)}, ${topic("bousai", 69069, 50)}, ${topic("kosodate", 22695477, 22)},
        ${topic("kenko", 1103515245, 30)}, ${topic("event", 134775813, 40)}, ${topic("gomi", 214013, 35)},
        ${topic("tetsuzuki", 1664525, 25)}, ${topic("bunka", 16807, 15)}]::text[], null)
        else '{}'::text[] end as topics,
      case when ${registered} then
        case when ${h(48271, 10)} < 7 then array['hinan','kisho','jishin','hinanjo','lifeline','bouhan']::text[]
             else array['hinan','jishin']::text[] end
        else '{}'::text[] end as disaster_categories,
      case when ${registered} then
        case when ${h(69621, 10)} = 0 then array[${district}, (${districts})[(${h(16807, districtIds.length)}) + 1]]::int[]
             else array[${district}]::int[] end
        else '{}'::int[] end as disaster_district_ids,
      case when ${registered} and ${h(39916801, 4)} = 0 then
        case when ${h(48271, 3)} = 0 then array[${nowMonth} - ${h(2147483629, 216)}::int, ${nowMonth} - ${h(97, 216)}::int]
             else array[${nowMonth} - ${h(2147483629, 216)}::int] end
        else '{}'::int[] end as child_birth_months,
      case when ${registered} and ${h(1301, 70)} = 0 then ${nowMonth} + ${h(7, 9)}::int end as due_month,
      case when ${registered} then array_remove(array[
        case when ${h(3571, 50)} = 0 then '防災訓練参加者' end, case when ${h(5779, 100)} = 0 then 'ボランティア' end]::text[], null)
        else '{}'::text[] end as tags,
      case when ${registered} then '${TERMS_VERSION}' end as consent_version,
      case when ${registered} then now() - make_interval(days => ((${n} * 89) % 800)::int) end as consented_at
    from generate_series($1::int, $2::int) as n`;
}

/** Seeds of up to this many residents build the segment bitmaps themselves (≈ 1 s). */
export const SEED_BUILDS_INDEX_UP_TO = 100_000;

export async function seedResidents(connectionString: string, options: SeedResidentsOptions): Promise<SeedResidentsResult> {
  const started = performance.now();
  const from = options.from ?? 1;
  const to = from + options.count - 1;
  const chunkSize = options.chunkSize ?? 50_000;
  const parallel = Math.max(1, options.parallel ?? 2);

  const pool = new pg.Pool({ connectionString, max: parallel });
  try {
    const { rows } = await pool.query<{ id: number }>("select id from district order by sort_order, id");
    if (rows.length === 0) throw new Error("no districts: seed the demo city first (npm run kairan -- seed)");
    const sql = `
      insert into resident (line_user_id, display_name, follow_status, followed_at, blocked_at, registered_at,
                            district_id, birth_year, birth_month, gender, preferred_language, topics,
                            disaster_categories, disaster_district_ids, child_birth_months, due_month, tags,
                            consent_version, consented_at)
      ${residentsSelect(rows.map((r) => r.id))}
      on conflict (line_user_id) do nothing`;

    const ranges: [number, number][] = [];
    for (let start = from; start <= to; start += chunkSize) ranges.push([start, Math.min(to, start + chunkSize - 1)]);

    let inserted = 0;
    let done = 0;
    let next = 0;
    async function worker() {
      const client = await pool.connect();
      try {
        // Bulk load: this session's commits need not wait for the WAL flush; a crash loses at most
        // the last chunk, which a rerun inserts again.
        await client.query("set synchronous_commit = off");
        while (next < ranges.length) {
          const [a, b] = ranges[next++]!;
          const result = await client.query(sql, [a, b]);
          inserted += result.rowCount ?? 0;
          done += b - a + 1;
          options.onProgress?.(done, options.count);
        }
      } finally {
        client.release();
      }
    }
    await Promise.all(Array.from({ length: Math.min(parallel, ranges.length) }, worker));
    // VACUUM sets the visibility map, so the batch-creating statement can read the covering index
    // alone (an index-only scan) right away, not after autovacuum gets to it.
    await pool.query("vacuum (analyze) resident");
    // Segment counts are exact without a fresh bitmap build (lib/segments/segment-index.ts), only
    // slower. A demo-sized city builds at once; a bulk load leaves the full build to the worker's
    // job `segments.rebuild-index` (or `rebuildSegmentIndex`), so seeding a million stays ≤ 60 s.
    if (to <= SEED_BUILDS_INDEX_UP_TO) await rebuildSegmentIndex(connectionString);
    return { requested: options.count, inserted, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pool.end();
  }
}
