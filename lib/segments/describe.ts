// A segment filter in words, for lists, the approver and the audit trail.
import { CONDITION_KIND_LABELS, type SegmentCondition, type SegmentFilter } from "@/lib/segments/filter";
import { DISASTER_CATEGORIES, GENDERS, LANGUAGES, TOPICS, labelOf } from "@/lib/registration/options";

export function describeCondition(c: SegmentCondition, districtName: (id: number) => string): string {
  const list = (values: string[]) => values.join("・");
  switch (c.kind) {
    case "district":
      return `地区が ${list(c.districtIds.map(districtName))}`;
    case "age":
      return `年齢 ${c.min ?? ""}${c.min !== null ? "歳以上" : ""}${c.max !== null ? `${c.max}歳以下` : ""}（配信日時点）`;
    case "gender":
      return `性別が ${list(c.values.map((v) => labelOf(GENDERS, v)))}`;
    case "language":
      return `言語が ${list(c.values.map((v) => labelOf(LANGUAGES, v)))}`;
    case "topics":
      return `関心が ${list(c.values.map((v) => labelOf(TOPICS, v)))} の${c.match === "any" ? "いずれか" : "すべて"}`;
    case "childAge":
      return `${c.minMonths}〜${c.maxMonths}か月の子どもがいる（配信日時点）`;
    case "expecting":
      return "出産予定がある";
    case "registered":
      return c.value ? "住民登録をしている" : "住民登録をしていない";
    case "followed":
      return `友だち追加日が ${c.from ?? ""}〜${c.to ?? ""}`;
    case "tags":
      return `タグ ${list(c.values)} の${c.match === "any" ? "いずれか" : "すべて"}`;
    case "disaster":
      return `防災情報（${list(c.categories.map((v) => labelOf(DISASTER_CATEGORIES, v).replace(/（.*）/, ""))) || "種類を問わない"}）を ${list(c.districtIds.map(districtName)) || "いずれかの地区"} で受け取る`;
  }
}

export function describeFilter(filter: SegmentFilter, districtName: (id: number) => string): string {
  if (filter.groups.length === 0) return "友だち全員";
  const groups = filter.groups.map((g) => {
    const parts = g.conditions.map((c) => describeCondition(c, districtName));
    return parts.length === 1 ? parts[0]! : `（${parts.join(g.combine === "and" ? " かつ " : " または ")}）`;
  });
  return groups.join(filter.combine === "and" ? " かつ " : " または ");
}

export { CONDITION_KIND_LABELS };
