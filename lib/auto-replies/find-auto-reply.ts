// The auto-reply for a resident's message (used by the webhook's text router and the test box).
import type { DbTx } from "@/lib/db";
import { flexMessage, textMessage, type LineMessage } from "@/lib/line/messages";
import { findMatchingRule } from "@/lib/auto-replies/match";
import type { messagingApi } from "@line/bot-sdk";

const RULE_SELECT = {
  id: true,
  name: true,
  matchType: true,
  pattern: true,
  priority: true,
  active: true,
  activeFrom: true,
  activeUntil: true,
  hoursFrom: true,
  hoursUntil: true,
  weekdays: true,
  replyText: true,
  flexTemplate: { select: { id: true, name: true, altText: true, contents: true } },
} as const;

export type AutoReplyHit = { rule: { id: string; name: string }; messages: LineMessage[] };

export function ruleMessages(rule: { replyText: string | null; flexTemplate: { altText: string; contents: unknown } | null }): LineMessage[] {
  const messages: LineMessage[] = [];
  if (rule.replyText) messages.push(textMessage(rule.replyText));
  if (rule.flexTemplate) messages.push(flexMessage(rule.flexTemplate.altText, rule.flexTemplate.contents as messagingApi.FlexContainer));
  return messages;
}

export async function findAutoReply(db: DbTx, { text, now }: { text: string; now: Date }): Promise<AutoReplyHit | null> {
  const rules = await db.autoReplyRule.findMany({ where: { active: true }, orderBy: [{ priority: "asc" }, { createdAt: "asc" }], select: RULE_SELECT });
  const rule = findMatchingRule(rules, text, now);
  if (!rule) return null;
  return { rule: { id: rule.id, name: rule.name }, messages: ruleMessages(rule) };
}
