// Rich menu areas as staff define them — a label and one action per area: postback (a feature's
// `action=`), message (sends text to the chat, e.g. an auto-reply keyword), URI or a LIFF page —
// and their LINE form (the rich menu object's areas[].action).
import { z } from "@/lib/zod";
import { graphemeLength, liffUrl, LINE_POSTBACK_DATA_MAX, type LineAction } from "@/lib/line/messages";
import type { Bounds } from "@/lib/rich-menus/templates";

export const AREA_ACTION_KINDS = {
  message: "メッセージを送信（自動応答のキーワードなど）",
  postback: "機能を呼び出す（ポストバック）",
  liff: "LIFF 画面を開く",
  uri: "ウェブページを開く（URL）",
} as const;
export type AreaActionKind = keyof typeof AREA_ACTION_KINDS;

/** Rich menu action labels: 20 characters (used by screen readers in LINE). */
export const AREA_LABEL_MAX = 20;

export const areaActionSchema = z
  .object({
    label: z.string().trim().min(1, "ボタンの名前を入力してください。").refine((v) => graphemeLength(v) <= AREA_LABEL_MAX, `ボタンの名前は${AREA_LABEL_MAX}文字以内で入力してください。`),
    kind: z.enum(["message", "postback", "liff", "uri"], { error: "動作を選んでください。" }),
    value: z.string().trim().min(1, "動作の内容を入力してください。"),
  })
  .superRefine((area, ctx) => {
    const problem = areaValueProblem(area.kind, area.value);
    if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
  });
export type AreaAction = z.infer<typeof areaActionSchema>;

export type StoredArea = AreaAction & { bounds: Bounds };

export function areaValueProblem(kind: AreaActionKind, value: string): string | null {
  switch (kind) {
    case "message":
      return graphemeLength(value) > 300 ? "送信する文章は300文字以内で入力してください。" : null;
    case "postback":
      if (value.length > LINE_POSTBACK_DATA_MAX) return `ポストバックのデータは${LINE_POSTBACK_DATA_MAX}文字以内で入力してください。`;
      return /^action=[a-z0-9._-]+(&|$)/i.test(value) ? null : "「action=機能名」で始まる形で入力してください（例：action=contact）。";
    case "liff":
      return /^\/[a-z0-9/_\-?=&%.]*$/i.test(value) && value.length <= 200 ? null : "LIFF 画面のパスを「/」で始めて入力してください（例：/register）。";
    case "uri":
      return /^(https:\/\/|tel:)/.test(value) && value.length <= 1000 ? null : "https:// で始まる URL（または tel:）を入力してください。";
  }
}

/** The LINE action object of an area. */
export function toLineAction(area: AreaAction): LineAction {
  switch (area.kind) {
    case "message":
      return { type: "message", label: area.label, text: area.value };
    case "postback":
      return { type: "postback", label: area.label, data: area.value, displayText: area.label };
    case "liff":
      return { type: "uri", label: area.label, uri: liffUrl(area.value.split("?")[0], Object.fromEntries(new URLSearchParams(area.value.split("?")[1] ?? ""))) };
    case "uri":
      return { type: "uri", label: area.label, uri: area.value };
  }
}

export function storedAreas(value: unknown): StoredArea[] {
  return Array.isArray(value) ? (value as StoredArea[]) : [];
}
