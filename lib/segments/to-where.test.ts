import { describe, expect, it } from "vitest";
import { filterToSql, segmentWhere, dayNumberOf, BIRTH_MONTH_SQL, FOLLOWED_DAY_SQL } from "./to-where";
import { segmentFilterSchema, type SegmentCondition, type SegmentFilter } from "./filter";
import { sendDateParts } from "./send-date";

// 2026-12-01 09:30 JST: month number 2026 × 12 + 11.
const sendDate = new Date("2026-12-01T00:30:00Z");
const SEND_MONTH = 2026 * 12 + 11;

function one(condition: SegmentCondition) {
  const filter: SegmentFilter = segmentFilterSchema.parse({ combine: "and", groups: [{ combine: "and", conditions: [condition] }] });
  return filterToSql(filter, { sendDate });
}

describe("[SEGMENTS] filterToSql, condition by condition", () => {
  it("send date parts are taken in Japan time", () => {
    expect(sendDateParts(sendDate).month).toBe(SEND_MONTH);
    // 2026-11-30 23:30 UTC is already 1 December in Japan.
    expect(sendDateParts(new Date("2026-11-30T23:30:00Z")).month).toBe(SEND_MONTH);
    expect(sendDateParts(new Date("2026-11-30T14:59:59Z")).month).toBe(SEND_MONTH - 1);
  });

  it("everyone: no condition", () => {
    expect(filterToSql({ combine: "and", groups: [] }, { sendDate })).toEqual({ text: "true", values: [] });
    expect(segmentWhere({ combine: "or", groups: [] }, { sendDate })).toEqual({ text: "r.follow_status = 'FOLLOWING'", values: [] });
  });

  it("district", () => {
    expect(one({ kind: "district", districtIds: [3, 5] })).toEqual({ text: "r.district_id = any($1::int[])", values: [[3, 5]] });
  });

  it("age range in whole years on the send month, either bound optional", () => {
    // 20–29 on Dec 2026: born Jan 1997 (29 years 11 months) … Dec 2006 (20 years 0 months).
    expect(one({ kind: "age", min: 20, max: 29 })).toEqual({
      text: `(${BIRTH_MONTH_SQL} >= $1::int and ${BIRTH_MONTH_SQL} <= $2::int)`,
      values: [1997 * 12 + 0, 2006 * 12 + 11],
    });
    expect(one({ kind: "age", min: 65, max: null })).toEqual({ text: `(${BIRTH_MONTH_SQL} <= $1::int)`, values: [1961 * 12 + 11] });
    expect(one({ kind: "age", min: null, max: 17 })).toEqual({ text: `(${BIRTH_MONTH_SQL} >= $1::int)`, values: [2009 * 12 + 0] });
  });

  it("gender and language", () => {
    expect(one({ kind: "gender", values: ["FEMALE", "UNANSWERED"] })).toEqual({ text: "r.gender = any($1::gender[])", values: [["FEMALE", "UNANSWERED"]] });
    expect(one({ kind: "language", values: ["en", "ja-easy"] })).toEqual({ text: "r.preferred_language = any($1::text[])", values: [["en", "ja-easy"]] });
  });

  it("topics: any is overlap, all is containment", () => {
    expect(one({ kind: "topics", match: "any", values: ["bousai", "kosodate"] })).toEqual({ text: "r.topics && $1::text[]", values: [["bousai", "kosodate"]] });
    expect(one({ kind: "topics", match: "all", values: ["bousai", "kosodate"] })).toEqual({ text: "r.topics @> $1::text[]", values: [["bousai", "kosodate"]] });
  });

  it("child aged between X and Y months on the send month", () => {
    // 0–11 months on Dec 2026: born Jan 2026 … Dec 2026.
    expect(one({ kind: "childAge", minMonths: 0, maxMonths: 11 })).toEqual({
      text: "exists (select 1 from unnest(r.child_birth_months) as c(month) where c.month between $1::int and $2::int)",
      values: [SEND_MONTH - 11, SEND_MONTH],
    });
  });

  it("expecting: due this month or later", () => {
    expect(one({ kind: "expecting" })).toEqual({ text: "r.due_month >= $1::int", values: [SEND_MONTH] });
  });

  it("registered or not", () => {
    expect(one({ kind: "registered", value: true })).toEqual({ text: "r.registered_at is not null", values: [] });
    expect(one({ kind: "registered", value: false })).toEqual({ text: "r.registered_at is null", values: [] });
  });

  it("followed between two Japan calendar days, either bound optional", () => {
    expect(one({ kind: "followed", from: "2026-04-01", to: "2026-04-30" })).toEqual({
      text: `(${FOLLOWED_DAY_SQL} >= $1::bigint and ${FOLLOWED_DAY_SQL} <= $2::bigint)`,
      values: [dayNumberOf("2026-04-01"), dayNumberOf("2026-04-30")],
    });
    expect(dayNumberOf("1970-01-02")).toBe(1);
    expect(one({ kind: "followed", from: null, to: "2026-01-01" }).text).toBe(`(${FOLLOWED_DAY_SQL} <= $1::bigint)`);
  });

  it("tags any / all", () => {
    expect(one({ kind: "tags", match: "any", values: ["防災訓練参加者"] })).toEqual({ text: "r.tags && $1::text[]", values: [["防災訓練参加者"]] });
    expect(one({ kind: "tags", match: "all", values: ["a", "b"] }).text).toBe("r.tags @> $1::text[]");
  });

  it("disaster subscriptions: categories and/or areas", () => {
    expect(one({ kind: "disaster", categories: ["hinan"], districtIds: [4] })).toEqual({
      text: "(r.disaster_categories && $1::text[] and r.disaster_district_ids && $2::int[])",
      values: [["hinan"], [4]],
    });
    expect(one({ kind: "disaster", categories: [], districtIds: [4, 5] })).toEqual({ text: "r.disaster_district_ids && $1::int[]", values: [[4, 5]] });
  });
});

describe("[SEGMENTS] filterToSql, groups", () => {
  const filter = segmentFilterSchema.parse({
    combine: "or",
    groups: [
      { combine: "and", conditions: [{ kind: "district", districtIds: [1] }, { kind: "topics", match: "any", values: ["kosodate"] }] },
      { combine: "or", conditions: [{ kind: "expecting" }, { kind: "registered", value: false }] },
    ],
  });

  it("AND/OR groups nest with parentheses and number parameters in order", () => {
    expect(filterToSql(filter, { sendDate })).toEqual({
      text: "((r.district_id = any($1::int[]) and r.topics && $2::text[]) or (r.due_month >= $3::int or r.registered_at is null))",
      values: [[1], ["kosodate"], SEND_MONTH],
    });
  });

  it("parameters can continue a larger statement; the deliverable condition comes first", () => {
    const where = segmentWhere(filter, { sendDate, firstParam: 4 });
    expect(where.text.startsWith("r.follow_status = 'FOLLOWING' and ((r.district_id = any($4::int[])")).toBe(true);
    expect(where.text).toContain("$6::int");
    expect(where.values).toHaveLength(3);
  });

  it("refuses invalid filters before any SQL exists", () => {
    expect(segmentFilterSchema.safeParse({ combine: "and", groups: [{ combine: "and", conditions: [{ kind: "age", min: 30, max: 20 }] }] }).success).toBe(false);
    expect(segmentFilterSchema.safeParse({ combine: "and", groups: [{ combine: "and", conditions: [{ kind: "language", values: ["xx"] }] }] }).success).toBe(false);
    expect(segmentFilterSchema.safeParse({ combine: "and", groups: [{ combine: "and", conditions: [{ kind: "district", districtIds: ["1; drop table resident"] }] }] }).success).toBe(false);
    expect(segmentFilterSchema.safeParse({ combine: "and", groups: [{ combine: "and", conditions: [] }] }).success).toBe(false);
  });
});
