// A stored rule as form values (Japan time for dates and hours).
import type { AutoReplyRule } from "@/generated/prisma/client";
import type { RuleFormValues } from "./rule-form";

function jstLocal(date: Date | null): string {
  if (!date) return "";
  return new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 16);
}

function clock(minutes: number | null): string {
  return minutes === null ? "" : `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export function ruleFormValues(rule: AutoReplyRule | null): RuleFormValues {
  if (!rule) {
    return { name: "", matchType: "CONTAINS", pattern: "", priority: "100", active: true, activeFrom: "", activeUntil: "", hoursFrom: "", hoursUntil: "", weekdays: [], replyText: "", flexTemplateId: "" };
  }
  return {
    id: rule.id,
    name: rule.name,
    matchType: rule.matchType,
    pattern: rule.pattern,
    priority: String(rule.priority),
    active: rule.active,
    activeFrom: jstLocal(rule.activeFrom),
    activeUntil: jstLocal(rule.activeUntil),
    hoursFrom: clock(rule.hoursFrom),
    hoursUntil: clock(rule.hoursUntil),
    weekdays: rule.weekdays.map(String),
    replyText: rule.replyText ?? "",
    flexTemplateId: rule.flexTemplateId ?? "",
  };
}

export function describeSchedule(rule: Pick<AutoReplyRule, "activeFrom" | "activeUntil" | "hoursFrom" | "hoursUntil" | "weekdays">): string {
  const parts: string[] = [];
  if (rule.activeFrom || rule.activeUntil) parts.push(`${jstLocal(rule.activeFrom).replace("T", " ") || "…"}〜${jstLocal(rule.activeUntil).replace("T", " ") || "…"}`);
  if (rule.weekdays.length) parts.push(rule.weekdays.map((d) => "日月火水木金土"[d]).join("・"));
  if (rule.hoursFrom !== null && rule.hoursUntil !== null) parts.push(`${clock(rule.hoursFrom)}〜${clock(rule.hoursUntil)}`);
  return parts.join("、") || "常時";
}
