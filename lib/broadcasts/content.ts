// What staff compose: per language, 1–5 messages (text, an uploaded image, or a Flex message from one
// of the templates). Japanese is required; residents whose language has no variant get Japanese.
// Stored in broadcast.content; turned into LINE messages by lib/broadcasts/line-messages.ts.
// (zod and plain data only: the composer imports it in the browser.)
import { z } from "@/lib/zod";
import { LANGUAGE_CODES, type Language } from "@/lib/registration/options";

/** messages: 1..5 per request (messaging-api.yml). */
export const MAX_MESSAGES = 5;
/** Text message: 5,000 characters in UTF-16 code units (text-character-count). */
export const MAX_TEXT = 5000;

/** Kairan's LIFF pages a Flex button may open (https://liff.line.me/{LIFF_ID}/<path>). */
export const LIFF_PAGES = [
  { value: "register", label: "登録内容の確認・変更（/liff/register）" },
  { value: "disaster", label: "防災情報（/liff/disaster）" },
  { value: "garbage", label: "ごみ分別（/liff/garbage）" },
  { value: "nursery", label: "保育施設（/liff/nursery）" },
] as const;
export const LIFF_PAGE_VALUES = LIFF_PAGES.map((p) => p.value) as [string, ...string[]];

const label = z.string().trim().min(1, "ボタンの文言を入力してください").max(40, "ボタンの文言は40文字以内にしてください");

export const flexButtonSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("url"), label, url: z.url({ protocol: /^https$/, error: "https:// で始まる URL を入力してください" }).max(1000) }),
  z.object({ kind: z.literal("liff"), label, page: z.enum(LIFF_PAGE_VALUES) }),
]);
export type FlexButtonDraft = z.infer<typeof flexButtonSchema>;

const line = (name: string, max: number) => z.string().trim().min(1, `${name}を入力してください`).max(max, `${name}は${max}文字以内にしてください`);
const optionalLine = (name: string, max: number) => z.string().trim().max(max, `${name}は${max}文字以内にしてください`);

export const FLEX_TEMPLATES = {
  notice: { label: "お知らせ", emergency: false },
  disaster: { label: "防災アラート", emergency: true },
  event: { label: "イベント案内", emergency: false },
} as const;
export type FlexTemplate = keyof typeof FLEX_TEMPLATES;

// Flex drafts share type "flex" and differ by template (a nested discriminated union).
export const flexDraftSchema = z.discriminatedUnion("template", [
  z.object({
    type: z.literal("flex"),
    template: z.literal("notice"),
    title: line("見出し", 60),
    body: line("本文", 1000),
    imageId: z.uuid().nullable(),
    button: flexButtonSchema,
  }),
  z.object({
    type: z.literal("flex"),
    template: z.literal("disaster"),
    level: line("種別・警戒レベル", 40),
    title: line("見出し", 60),
    area: line("対象地区", 100),
    body: line("本文", 1000),
    button: flexButtonSchema,
  }),
  z.object({
    type: z.literal("flex"),
    template: z.literal("event"),
    title: line("イベント名", 60),
    date: line("日時", 60),
    place: line("会場", 60),
    body: optionalLine("本文", 1000),
    imageId: z.uuid().nullable(),
    button: flexButtonSchema,
  }),
]);
export type FlexDraft = z.infer<typeof flexDraftSchema>;

export const messageDraftSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().min(1, "本文を入力してください").max(MAX_TEXT, `本文は${MAX_TEXT}文字以内にしてください`) }),
  z.object({ type: z.literal("image"), imageId: z.uuid("画像を選んでください"), alt: optionalLine("画像の説明", 100) }),
  flexDraftSchema,
]);
export type MessageDraft = z.infer<typeof messageDraftSchema>;

const variantSchema = z.array(messageDraftSchema).min(1, "メッセージを1通以上作成してください").max(MAX_MESSAGES, `メッセージは${MAX_MESSAGES}通までです`);

export const broadcastContentSchema = z
  .object({ variants: z.partialRecord(z.enum(LANGUAGE_CODES), variantSchema) })
  .refine((c) => c.variants.ja !== undefined, { message: "日本語のメッセージは必須です", path: ["variants", "ja"] });
export type BroadcastContent = z.infer<typeof broadcastContentSchema>;

export const EMPTY_CONTENT: BroadcastContent = { variants: { ja: [{ type: "text", text: "" }] } };

/** Languages with their own variant, Japanese first. */
export function variantLanguages(content: BroadcastContent): Language[] {
  return LANGUAGE_CODES.filter((code) => content.variants[code] !== undefined);
}

/** Whether the content uses the emergency (防災アラート) template. */
export function usesEmergencyTemplate(content: BroadcastContent): boolean {
  return Object.values(content.variants).some((messages) => messages?.some((m) => m.type === "flex" && FLEX_TEMPLATES[m.template].emergency));
}

/** Every image the content shows (to check they exist). */
export function imageIdsOf(content: BroadcastContent): string[] {
  const ids = new Set<string>();
  for (const messages of Object.values(content.variants)) {
    for (const m of messages ?? []) {
      if (m.type === "image") ids.add(m.imageId);
      if (m.type === "flex" && "imageId" in m && m.imageId) ids.add(m.imageId);
    }
  }
  return [...ids];
}

/** Reads stored content (older or partial rows become a Japanese draft). */
export function readContent(value: unknown): BroadcastContent {
  const parsed = broadcastContentSchema.safeParse(value);
  return parsed.success ? parsed.data : EMPTY_CONTENT;
}
