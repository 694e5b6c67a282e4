// Auto-reply rules and Flex templates staff maintain. Every change is audited. A Flex template is
// checked by LINE itself (the validate endpoint) before it is saved, so a rule never answers a
// resident with a message LINE would refuse.
import { z } from "@/lib/zod";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { getMessagingApiClient } from "@/lib/line/clients";
import { classifyLineError } from "@/lib/line/errors";
import { LINE_ALT_TEXT_MAX_LENGTH, LINE_TEXT_MAX_LENGTH, flexMessage, LineMessageError } from "@/lib/line/messages";
import { regexProblem } from "@/lib/auto-replies/match";
import type { messagingApi } from "@line/bot-sdk";

export const MATCH_TYPE_LABELS = { EXACT: "完全一致", CONTAINS: "部分一致（含む）", REGEX: "正規表現" } as const;
export const WEEKDAY_LABELS = ["日", "月", "火", "水", "木", "金", "土"];

const time = z
  .string()
  .trim()
  .regex(/^$|^([01]?\d|2[0-3]):[0-5]\d$/, "時刻は「9:00」の形で入力してください。")
  .transform((v) => (v ? Number(v.split(":")[0]) * 60 + Number(v.split(":")[1]) : null));

const dateTime = z
  .string()
  .trim()
  .regex(/^$|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "日時を正しく入力してください。")
  .transform((v) => (v ? new Date(`${v}:00+09:00`) : null));

export const saveRuleSchema = z
  .object({
    id: z.union([z.literal(""), z.uuid()]).optional().transform((v) => v || undefined),
    name: z.string().trim().min(1, "ルールの名前を入力してください。").max(100, "名前は100文字以内で入力してください。"),
    matchType: z.enum(["EXACT", "CONTAINS", "REGEX"], { error: "一致のしかたを選んでください。" }),
    pattern: z.string().trim().min(1, "キーワードを入力してください。").max(1000, "キーワードは1,000文字以内で入力してください。"),
    priority: z.coerce.number({ error: "優先順位は数字で入力してください。" }).int("優先順位は整数で入力してください。").min(0, "0以上で入力してください。").max(9999, "9999以下で入力してください。"),
    active: z.union([z.literal("on"), z.literal("")]).optional().transform((v) => v === "on"),
    activeFrom: dateTime,
    activeUntil: dateTime,
    hoursFrom: time,
    hoursUntil: time,
    weekdays: z.array(z.enum(["0", "1", "2", "3", "4", "5", "6"])).default([]).transform((days) => days.map(Number)),
    replyText: z.string().trim().max(LINE_TEXT_MAX_LENGTH, `返信は${LINE_TEXT_MAX_LENGTH}文字以内で入力してください。`).transform((v) => v || null),
    flexTemplateId: z.union([z.literal(""), z.uuid()]).transform((v) => v || null),
  })
  .superRefine((rule, ctx) => {
    if (rule.matchType === "REGEX") {
      const problem = regexProblem(rule.pattern);
      if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: problem });
    }
    if (!rule.replyText && !rule.flexTemplateId) ctx.addIssue({ code: "custom", path: ["replyText"], message: "返信の文章か Flex テンプレートのどちらかを設定してください。" });
    if (rule.activeFrom && rule.activeUntil && rule.activeFrom >= rule.activeUntil) ctx.addIssue({ code: "custom", path: ["activeUntil"], message: "終了日時は開始日時より後にしてください。" });
    if ((rule.hoursFrom === null) !== (rule.hoursUntil === null)) ctx.addIssue({ code: "custom", path: ["hoursUntil"], message: "時間帯は開始と終了の両方を入力してください。" });
  });
export type SaveRuleInput = z.infer<typeof saveRuleSchema>;

export async function saveAutoReplyRule(db: Db, { input, actor }: { input: SaveRuleInput; actor: AuditActor & { id: string } }): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    if (input.flexTemplateId && !(await tx.flexTemplate.count({ where: { id: input.flexTemplateId } }))) {
      throw new AppError("INVALID_INPUT", { userMessage: "選んだ Flex テンプレートが見つかりませんでした。選び直してください。" });
    }
    const data = {
      name: input.name,
      matchType: input.matchType,
      pattern: input.pattern,
      priority: input.priority,
      active: input.active,
      activeFrom: input.activeFrom,
      activeUntil: input.activeUntil,
      hoursFrom: input.hoursFrom,
      hoursUntil: input.hoursUntil,
      weekdays: input.weekdays,
      replyText: input.replyText,
      flexTemplateId: input.flexTemplateId,
      updatedById: actor.id,
    };
    let id: string;
    if (input.id) {
      const before = await tx.autoReplyRule.findUnique({ where: { id: input.id }, select: { id: true } });
      if (!before) throw new AppError("NOT_FOUND", { userMessage: "この自動応答は見つかりませんでした。一覧から選び直してください。" });
      id = (await tx.autoReplyRule.update({ where: { id: input.id }, data, select: { id: true } })).id;
    } else {
      id = (await tx.autoReplyRule.create({ data: { ...data, createdById: actor.id }, select: { id: true } })).id;
    }
    await writeAudit(tx, { actor, action: input.id ? "auto-replies.update" : "auto-replies.create", target: { type: "auto-reply-rule", id }, summary: { name: input.name, matchType: input.matchType, pattern: input.pattern, active: input.active, priority: input.priority } });
    return { id };
  });
}

export async function deleteAutoReplyRule(db: Db, { id, actor }: { id: string; actor: AuditActor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const rule = await tx.autoReplyRule.findUnique({ where: { id }, select: { name: true } });
    if (!rule) throw new AppError("NOT_FOUND", { userMessage: "この自動応答は見つかりませんでした。" });
    await tx.autoReplyRule.delete({ where: { id } });
    await writeAudit(tx, { actor, action: "auto-replies.delete", target: { type: "auto-reply-rule", id }, summary: { name: rule.name } });
  });
}

// ── Flex templates

export const saveFlexTemplateSchema = z.object({
  id: z.union([z.literal(""), z.uuid()]).optional().transform((v) => v || undefined),
  name: z.string().trim().min(1, "テンプレートの名前を入力してください。").max(100, "名前は100文字以内で入力してください。"),
  altText: z.string().trim().min(1, "代替テキストを入力してください。").max(LINE_ALT_TEXT_MAX_LENGTH, `代替テキストは${LINE_ALT_TEXT_MAX_LENGTH}文字以内で入力してください。`),
  contents: z.string().trim().min(1, "Flex メッセージの JSON を入力してください。").max(60_000, "JSON が長すぎます（LINE の上限はカルーセルで 50KB です）。"),
});
export type SaveFlexTemplateInput = z.infer<typeof saveFlexTemplateSchema>;

export class FlexTemplateError extends Error {
  constructor(readonly field: "contents" | "altText", message: string) {
    super(message);
  }
}

/** Parses the JSON staff pasted (a bubble or carousel, or a whole flex message) into a container. */
export function parseFlexContents(text: string): messagingApi.FlexContainer {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FlexTemplateError("contents", "JSON として読み取れませんでした。括弧や「,」「\"」を確認してください。");
  }
  if (typeof value === "object" && value !== null && (value as { type?: string }).type === "flex") value = (value as { contents?: unknown }).contents;
  const type = (value as { type?: string } | null)?.type;
  if (type !== "bubble" && type !== "carousel") throw new FlexTemplateError("contents", "「type」が \"bubble\" または \"carousel\" の JSON を入力してください（Flex Message Simulator の内容を貼り付けられます）。");
  return value as messagingApi.FlexContainer;
}

/** Asks LINE whether it would accept the message (POST /v2/bot/message/validate/push). */
export async function validateWithLine(message: messagingApi.Message): Promise<string | null> {
  try {
    await getMessagingApiClient().validatePush({ messages: [message] });
    return null;
  } catch (error) {
    const outcome = classifyLineError(error);
    if (outcome.kind === "rejected") {
      const details = outcome.details.map((d) => `${d.property ?? ""}: ${d.message ?? ""}`).join("、");
      return `LINE がこの内容を受け付けませんでした：${details || outcome.message}`;
    }
    throw new AppError("UPSTREAM", { message: `flex validation: ${outcome.kind}`, cause: error });
  }
}

export async function saveFlexTemplate(db: Db, { input, actor }: { input: SaveFlexTemplateInput; actor: AuditActor }): Promise<{ id: string }> {
  const contents = parseFlexContents(input.contents);
  let message: messagingApi.Message;
  try {
    message = flexMessage(input.altText, contents);
  } catch (error) {
    if (error instanceof LineMessageError) throw new FlexTemplateError("contents", `LINE の制限に合いません：${error.message}`);
    throw error;
  }
  const problem = await validateWithLine(message);
  if (problem) throw new FlexTemplateError("contents", problem);
  return db.$transaction(async (tx) => {
    const data = { name: input.name, altText: input.altText, contents: contents as unknown as Prisma.InputJsonValue };
    if (input.id && !(await tx.flexTemplate.count({ where: { id: input.id } }))) throw new AppError("NOT_FOUND", { userMessage: "この Flex テンプレートは見つかりませんでした。" });
    const saved = input.id ? await tx.flexTemplate.update({ where: { id: input.id }, data, select: { id: true } }) : await tx.flexTemplate.create({ data, select: { id: true } });
    await writeAudit(tx, { actor, action: input.id ? "flex-templates.update" : "flex-templates.create", target: { type: "flex-template", id: saved.id }, summary: { name: input.name } });
    return saved;
  });
}

export async function deleteFlexTemplate(db: Db, { id, actor }: { id: string; actor: AuditActor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const template = await tx.flexTemplate.findUnique({ where: { id }, select: { name: true, _count: { select: { rules: true } } } });
    if (!template) throw new AppError("NOT_FOUND", { userMessage: "この Flex テンプレートは見つかりませんでした。" });
    if (template._count.rules > 0) throw new AppError("INVALID_STATE", { userMessage: `この Flex テンプレートは自動応答 ${template._count.rules} 件で使われています。先に自動応答から外してください。` });
    await tx.flexTemplate.delete({ where: { id } });
    await writeAudit(tx, { actor, action: "flex-templates.delete", target: { type: "flex-template", id }, summary: { name: template.name } });
  });
}
