// A segment filter: conditions on residents' registered attributes, combined in AND/OR groups.
// The same validated value drives the SQL (to-where.ts, for delivery and exactness) and the bitmap
// index (bitmap-index.ts, for the live count). (Only zod and plain data: client components import it.)
import { z } from "@/lib/zod";
import { DISASTER_CATEGORY_CODES, GENDER_CODES, LANGUAGE_CODES, TAG_PATTERN, TOPIC_CODES } from "@/lib/registration/options";

/** Registration forms accept at most this many children per household (bitmap slots, lib/segments/bitmap-index.ts). */
export const MAX_CHILDREN = 6;
/** Ages in years and children's ages in months that a condition may name. */
export const MAX_AGE_YEARS = 120;
export const MAX_CHILD_AGE_MONTHS = 12 * 25;

const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日付は yyyy-mm-dd で入力してください");
const districtIds = z.array(z.number().int().positive()).min(1, "地区を1つ以上選んでください").max(200);

export const segmentConditionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("district"), districtIds }),
  z
    .object({ kind: z.literal("age"), min: z.number().int().min(0).max(MAX_AGE_YEARS).nullable(), max: z.number().int().min(0).max(MAX_AGE_YEARS).nullable() })
    .refine((c) => c.min !== null || c.max !== null, "年齢の下限か上限を入力してください")
    .refine((c) => c.min === null || c.max === null || c.min <= c.max, "年齢の下限は上限以下にしてください"),
  z.object({ kind: z.literal("gender"), values: z.array(z.enum(GENDER_CODES)).min(1, "性別を1つ以上選んでください") }),
  z.object({ kind: z.literal("language"), values: z.array(z.enum(LANGUAGE_CODES)).min(1, "言語を1つ以上選んでください") }),
  z.object({ kind: z.literal("topics"), match: z.enum(["any", "all"]), values: z.array(z.enum(TOPIC_CODES)).min(1, "分野を1つ以上選んでください") }),
  z
    .object({ kind: z.literal("childAge"), minMonths: z.number().int().min(0).max(MAX_CHILD_AGE_MONTHS), maxMonths: z.number().int().min(0).max(MAX_CHILD_AGE_MONTHS) })
    .refine((c) => c.minMonths <= c.maxMonths, "子どもの月齢の下限は上限以下にしてください"),
  z.object({ kind: z.literal("expecting") }),
  z.object({ kind: z.literal("registered"), value: z.boolean() }),
  z
    .object({ kind: z.literal("followed"), from: dateString.nullable(), to: dateString.nullable() })
    .refine((c) => c.from !== null || c.to !== null, "友だち追加日の開始か終了を入力してください")
    .refine((c) => c.from === null || c.to === null || c.from <= c.to, "開始日は終了日以前にしてください"),
  z.object({ kind: z.literal("tags"), match: z.enum(["any", "all"]), values: z.array(z.string().regex(TAG_PATTERN, "タグは30文字以内の文字・数字で入力してください")).min(1, "タグを1つ以上入力してください").max(20) }),
  z.object({
    kind: z.literal("disaster"),
    categories: z.array(z.enum(DISASTER_CATEGORY_CODES)).max(DISASTER_CATEGORY_CODES.length),
    districtIds: z.array(z.number().int().positive()).max(200),
  }).refine((c) => c.categories.length > 0 || c.districtIds.length > 0, "防災情報の種類か地区を選んでください"),
]);
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;
export type SegmentConditionKind = SegmentCondition["kind"];

export const segmentGroupSchema = z.object({
  combine: z.enum(["and", "or"]),
  conditions: z.array(segmentConditionSchema).min(1, "条件を1つ以上追加してください").max(20),
});
export type SegmentGroup = z.infer<typeof segmentGroupSchema>;

/** No groups = every friend (who has not blocked the account). */
export const segmentFilterSchema = z.object({
  combine: z.enum(["and", "or"]),
  groups: z.array(segmentGroupSchema).max(10),
});
export type SegmentFilter = z.infer<typeof segmentFilterSchema>;

export const EVERYONE: SegmentFilter = { combine: "and", groups: [] };

export const CONDITION_KIND_LABELS: Record<SegmentConditionKind, string> = {
  district: "地区",
  age: "年齢（配信日時点）",
  gender: "性別",
  language: "言語",
  topics: "関心のある分野",
  childAge: "子どもの月齢（配信日時点）",
  expecting: "出産予定がある",
  registered: "住民登録",
  followed: "友だち追加日",
  tags: "タグ",
  disaster: "防災情報の受け取り",
};

/** Parses a stored or posted filter; throws ZodError when it is not one. */
export function parseSegmentFilter(value: unknown): SegmentFilter {
  return segmentFilterSchema.parse(value);
}
