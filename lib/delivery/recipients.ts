// Batch recipients are stored as 16 bytes per LINE user id (the 32 hex digits after "U"; LINE user ids
// match ^U[0-9a-f]{32}$, FACTS.md §1), concatenated: the batch-creating statement writes a million of
// them, and half the bytes without compression made it 2.6× faster than text arrays (benchmarks.md).
export const RECIPIENT_BYTES = 16;

/** multicast: "Max: 500 user IDs" (messaging-api.yml, MulticastRequest.to maxItems). */
export const LINE_MULTICAST_MAX_RECIPIENTS = 500;

/**
 * SQL expression for one resident's packed id (for string_agg over `resident r`): the column PostgreSQL
 * generates from line_user_id (the same decode), included in resident_deliverable_idx so that batch
 * creation decodes nothing.
 */
export const PACKED_LINE_USER_ID_SQL = "r.line_user_key";

/**
 * The INSERT that cuts groups of recipients into a run's batches ($1 the run id). `groupsSql` yields
 * (lang, g, n, ids): per group, its residents' packed ids concatenated by one string_agg (ids) and how
 * many they are (n); g orders the groups. Each group becomes ceil(n / 500) batches of consecutive
 * 500-id pieces, numbered from `seqBase` + 1 in (g, piece) order, each with its own retry key.
 *
 * Why this shape: one aggregate per group and a substring per batch is about a third less work for
 * PostgreSQL than numbering every resident (row_number) and grouping them into chunks (a 255,059-resident
 * slice: 96–116 ms against 172–186 ms; docs/benchmarks.md). The pieces are cut below the numbering
 * (OFFSET 0 keeps the subquery apart), so the numbering sorts 8 kB pieces, never a group's whole string.
 */
export function batchesFromGroupsSql(groupsSql: string, seqBase: string): string {
  const max = LINE_MULTICAST_MAX_RECIPIENTS;
  const bytes = max * RECIPIENT_BYTES;
  return `
    insert into delivery_batch (run_id, seq, language, recipient_count, recipients, retry_key)
    select $1::uuid, ${seqBase} + (row_number() over (order by x.g, x.piece))::int, x.lang, x.n, x.recipients, gen_random_uuid()
    from (
      select p.g, c.piece, p.lang, least(${max}, p.n - c.piece * ${max})::int as n,
             substring(p.ids from c.piece * ${bytes} + 1 for ${bytes}) as recipients
      from (${groupsSql}) p
      cross join lateral generate_series(0, (p.n - 1) / ${max}) as c(piece)
      where p.n > 0
      offset 0
    ) x`;
}

export function decodeRecipients(packed: Uint8Array): string[] {
  if (packed.length % RECIPIENT_BYTES !== 0) throw new Error(`recipients are ${packed.length} bytes, not a multiple of ${RECIPIENT_BYTES}`);
  return decodeRecipientsHex(Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength).toString("hex"));
}

/** SQL for a batch's recipients (`delivery_batch b`) as hex text, which the lanes read instead of bytea. */
export const RECIPIENTS_HEX_SQL = "encode(b.recipients, 'hex')";

/**
 * The ids from the packed recipients in hex: slices of one string (with the JSON.stringify that
 * follows, about half the CPU of converting each id on its own — a million ids per send). The lanes
 * read the hex straight from PostgreSQL: bytea would travel as hex anyway, be parsed into bytes and
 * turned back into hex here.
 */
export function decodeRecipientsHex(hex: string): string[] {
  const width = 2 * RECIPIENT_BYTES;
  // PostgreSQL's encode(…, 'hex') or Buffer's toString("hex"): lowercase hex digits only.
  if (hex.length % width !== 0) throw new Error(`recipients are ${hex.length} hex digits, not a multiple of ${width}`);
  const ids = new Array<string>(hex.length / width);
  for (let i = 0, at = 0; i < ids.length; i++, at += width) ids[i] = "U" + hex.slice(at, at + width);
  return ids;
}

export function encodeRecipients(lineUserIds: string[]): Buffer {
  const out = Buffer.alloc(lineUserIds.length * RECIPIENT_BYTES);
  lineUserIds.forEach((id, i) => {
    if (!/^U[0-9a-f]{32}$/.test(id)) throw new Error(`not a LINE user id: ${id}`);
    out.write(id.slice(1), i * RECIPIENT_BYTES, "hex");
  });
  return out;
}
