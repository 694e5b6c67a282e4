// The one place a segment filter becomes SQL: a WHERE condition over `resident r`, with positional
// parameters. Delivery (the batch-creating statement), the exact count and the bitmap index's
// correction for recently changed residents all use it, so "who is in the segment" has one meaning.
// Pure (no database): unit-tested case by case in to-where.test.ts.
import type { SegmentCondition, SegmentFilter } from "@/lib/segments/filter";
import { sendDateParts } from "@/lib/segments/send-date";

export type SqlFragment = { text: string; values: unknown[] };

/** Residents who can be sent to at all: friends who have not blocked the account. */
export const DELIVERABLE = `r.follow_status = 'FOLLOWING'`;

/** birth_year/birth_month as a month number (year × 12 + month − 1); null when either is missing. */
export const BIRTH_MONTH_SQL = "(r.birth_year * 12 + r.birth_month - 1)";
/** followed_at as a day number in Japan time (days since 1970-01-01 JST). */
export const FOLLOWED_DAY_SQL = "((floor(extract(epoch from r.followed_at))::bigint + 32400) / 86400)";

class Params {
  values: unknown[] = [];
  constructor(private first: number) {}
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.first + this.values.length - 1}::${cast}`;
  }
}

export type ToWhereOptions = {
  /** The day the broadcast is sent: ages and months are computed on it (Japan time). */
  sendDate: Date;
  /** Number of the first positional parameter ($1 by default), to append to a larger statement. */
  firstParam?: number;
};

/** The filter as `(…)` over `resident r` — without the deliverable condition (see segmentWhere). */
export function filterToSql(filter: SegmentFilter, options: ToWhereOptions): SqlFragment {
  const params = new Params(options.firstParam ?? 1);
  const send = sendDateParts(options.sendDate);
  const groups = filter.groups.map((group) => {
    const parts = group.conditions.map((condition) => conditionToSql(condition, params, send));
    return parts.length === 1 ? parts[0]! : `(${parts.join(group.combine === "and" ? " and " : " or ")})`;
  });
  const text = groups.length === 0 ? "true" : groups.length === 1 ? groups[0]! : `(${groups.join(filter.combine === "and" ? " and " : " or ")})`;
  return { text, values: params.values };
}

/** Deliverable residents in the segment: `r.follow_status = 'FOLLOWING' and (…)`. */
export function segmentWhere(filter: SegmentFilter, options: ToWhereOptions): SqlFragment {
  const inner = filterToSql(filter, options);
  return { text: inner.text === "true" ? DELIVERABLE : `${DELIVERABLE} and ${inner.text}`, values: inner.values };
}

function conditionToSql(condition: SegmentCondition, params: Params, send: { month: number; day: number }): string {
  switch (condition.kind) {
    case "district":
      return `r.district_id = any(${params.add(condition.districtIds, "int[]")})`;
    case "age": {
      // Age in whole years on the send month: born in month b, sent in month s → floor((s − b) / 12).
      // min ≤ age ≤ max ⇔ s − 12·max − 11 ≤ b ≤ s − 12·min.
      const parts: string[] = [];
      if (condition.max !== null) parts.push(`${BIRTH_MONTH_SQL} >= ${params.add(send.month - 12 * condition.max - 11, "int")}`);
      if (condition.min !== null) parts.push(`${BIRTH_MONTH_SQL} <= ${params.add(send.month - 12 * condition.min, "int")}`);
      return `(${parts.join(" and ")})`;
    }
    case "gender":
      return `r.gender = any(${params.add(condition.values, "gender[]")})`;
    case "language":
      return `r.preferred_language = any(${params.add(condition.values, "text[]")})`;
    case "topics":
      return `r.topics ${condition.match === "any" ? "&&" : "@>"} ${params.add(condition.values, "text[]")}`;
    case "childAge": {
      // A child aged between minMonths and maxMonths on the send month: born in [s − max, s − min].
      const from = params.add(send.month - condition.maxMonths, "int");
      const to = params.add(send.month - condition.minMonths, "int");
      return `exists (select 1 from unnest(r.child_birth_months) as c(month) where c.month between ${from} and ${to})`;
    }
    case "expecting":
      // Due this month or later.
      return `r.due_month >= ${params.add(send.month, "int")}`;
    case "registered":
      return condition.value ? "r.registered_at is not null" : "r.registered_at is null";
    case "followed": {
      const parts: string[] = [];
      if (condition.from !== null) parts.push(`${FOLLOWED_DAY_SQL} >= ${params.add(dayNumberOf(condition.from), "bigint")}`);
      if (condition.to !== null) parts.push(`${FOLLOWED_DAY_SQL} <= ${params.add(dayNumberOf(condition.to), "bigint")}`);
      return `(${parts.join(" and ")})`;
    }
    case "tags":
      return `r.tags ${condition.match === "any" ? "&&" : "@>"} ${params.add(condition.values, "text[]")}`;
    case "disaster": {
      const parts: string[] = [];
      if (condition.categories.length > 0) parts.push(`r.disaster_categories && ${params.add(condition.categories, "text[]")}`);
      if (condition.districtIds.length > 0) parts.push(`r.disaster_district_ids && ${params.add(condition.districtIds, "int[]")}`);
      return parts.length === 1 ? parts[0]! : `(${parts.join(" and ")})`;
    }
  }
}

/** "2026-04-01" → days since 1970-01-01 (the calendar day, as FOLLOWED_DAY_SQL counts Japan days). */
export function dayNumberOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}
