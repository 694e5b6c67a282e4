// Synthetic residents, numbered 1..N, generated inside PostgreSQL: a set-based INSERT … SELECT over
// generate_series, split into ranges that run on parallel connections. Idempotent: residents that
// already exist (same LINE user id) are skipped, so `seed --residents N` tops the city up to N.
import pg from "pg";
import { SYNTHETIC_SQL } from "@/lib/demo/synthetic-residents";

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
function residentsSelect(districtIds: number[]): string {
  const n = "n";
  const districts = `array[${districtIds.join(",")}]::int[]`;
  const registered = `((${n} % 20) < 13)`;
  return `
    select
      ${SYNTHETIC_SQL.lineUserId(n)} as line_user_id,
      ${SYNTHETIC_SQL.displayName(n)} as display_name,
      case when ${n} % 37 = 0 then 'BLOCKED' else 'FOLLOWING' end::follow_status as follow_status,
      now() - make_interval(days => ((${n} * 97) % 900)::int, secs => (${n} % 86400)::int) as followed_at,
      case when ${n} % 37 = 0 then now() - make_interval(days => ((${n} * 13) % 60)::int) end as blocked_at,
      case when ${registered} then now() - make_interval(days => ((${n} * 89) % 800)::int) end as registered_at,
      case when ${registered} then (${districts})[((${n}::bigint * 2654435761) % 4294967296 % ${districtIds.length}) + 1] end as district_id,
      case when ${registered} then (1940 + ((${n} * 17) % 66))::smallint end as birth_year,
      case when ${registered} then (1 + ((${n} * 7) % 12))::smallint end as birth_month,
      case when ${registered} then
        case when (${n} * 11) % 20 < 9 then 'FEMALE' when (${n} * 11) % 20 < 17 then 'MALE'
             when (${n} * 11) % 20 < 18 then 'OTHER' else 'UNANSWERED' end::gender end as gender,
      case when (${n} * 3) % 100 < 88 then 'ja' when (${n} * 3) % 100 < 92 then 'ja-easy'
           when (${n} * 3) % 100 < 95 then 'en' when (${n} * 3) % 100 < 97 then 'zh'
           when (${n} * 3) % 100 < 98 then 'ko' when (${n} * 3) % 100 < 99 then 'vi' else 'pt' end as preferred_language
    from generate_series($1::int, $2::int) as n`;
}

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
                            district_id, birth_year, birth_month, gender, preferred_language)
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
    await pool.query("analyze resident");
    return { requested: options.count, inserted, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pool.end();
  }
}
