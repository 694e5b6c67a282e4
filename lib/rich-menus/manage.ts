// Rich menus staff build (templates or free areas on an uploaded image), publish to LINE, make the
// default, and retire; and the disaster-mode switch. Published menus are immutable at LINE, so a
// published menu is not edited: staff copy it into a new draft. Every change is audited.
import { z } from "@/lib/zod";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/generated/prisma/client";
import type { RichMenuAudience } from "@/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { writeAudit, type AuditActor } from "@/lib/audit/write-audit";
import { getMessagingApiBlobClient, getMessagingApiClient } from "@/lib/line/clients";
import { classifyLineError } from "@/lib/line/errors";
import { areaActionSchema, storedAreas, toLineAction, type StoredArea } from "@/lib/rich-menus/areas";
import { imageDimensions, renderGridPng } from "@/lib/rich-menus/png";
import { RESIDENT_LANGUAGES, slotKey } from "@/lib/rich-menus/slots";
import { FREE_LAYOUT, RICH_MENU_CHAT_BAR_MAX, RICH_MENU_MAX_AREAS, RICH_MENU_SIZES, boundsProblems, templateBounds, templateById, type Bounds } from "@/lib/rich-menus/templates";
import { graphemeLength } from "@/lib/line/messages";

/**
 * Server actions accept 1 MB bodies (Next.js default), the image included; LINE accepts images up
 * to 1 MB (1,048,576 bytes). An upload stays under both.
 */
export const RICH_MENU_UPLOAD_MAX_BYTES = 1_000_000;

export const AUDIENCE_LABELS: Record<RichMenuAudience, string> = {
  UNREGISTERED: "未登録の住民",
  REGISTERED: "登録済みの住民",
  DISASTER: "災害モード（全員）",
};

const areaInput = areaActionSchema.and(
  z.object({
    x: z.coerce.number().int().optional(),
    y: z.coerce.number().int().optional(),
    width: z.coerce.number().int().optional(),
    height: z.coerce.number().int().optional(),
  }),
);

export const saveRichMenuSchema = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1, "管理用の名前を入力してください。").max(100, "名前は100文字以内で入力してください。"),
  chatBarText: z
    .string()
    .trim()
    .min(1, "メニューバーの文字を入力してください。")
    .refine((v) => graphemeLength(v) <= RICH_MENU_CHAT_BAR_MAX, `メニューバーの文字は${RICH_MENU_CHAT_BAR_MAX}文字以内で入力してください。`),
  audience: z.enum(["UNREGISTERED", "REGISTERED", "DISASTER"], { error: "対象を選んでください。" }),
  language: z.union([z.literal(""), z.enum(RESIDENT_LANGUAGES)], { error: "言語を選んでください。" }).transform((v) => v || null),
  size: z.enum(["large", "compact"], { error: "大きさを選んでください。" }),
  layout: z.string().min(1, "レイアウトを選んでください。"),
  areas: z.array(areaInput).min(1, "エリアを1つ以上設定してください。").max(RICH_MENU_MAX_AREAS, `エリアは${RICH_MENU_MAX_AREAS}個までです。`),
});
export type SaveRichMenuInput = z.infer<typeof saveRichMenuSchema>;

export class RichMenuInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** Checks layout, areas and image together; returns what is stored. */
export function prepareRichMenu(input: SaveRichMenuInput, image: Uint8Array | null): { bounds: Bounds[]; image: Uint8Array; contentType: string; width: number; height: number } {
  const size = RICH_MENU_SIZES[input.size];
  let bounds: Bounds[];
  if (input.layout === FREE_LAYOUT) {
    bounds = input.areas.map((a) => ({ x: a.x ?? -1, y: a.y ?? -1, width: a.width ?? 0, height: a.height ?? 0 }));
    const problems = boundsProblems(bounds, size);
    if (problems.length) throw new RichMenuInputError("areas", problems.join(" "));
  } else {
    const template = templateById(input.layout);
    if (!template || template.size !== input.size) throw new RichMenuInputError("layout", "大きさに合ったレイアウトを選んでください。");
    bounds = templateBounds(input.layout);
    if (input.areas.length !== bounds.length) throw new RichMenuInputError("areas", `このレイアウトのエリアは${bounds.length}個です。すべてのエリアを設定してください。`);
  }
  if (image && image.byteLength > 0) {
    if (image.byteLength > RICH_MENU_UPLOAD_MAX_BYTES) throw new RichMenuInputError("image", "画像は1,000KB以下にしてください。");
    const dims = imageDimensions(image);
    if (!dims) throw new RichMenuInputError("image", "画像は PNG か JPEG にしてください。");
    if (dims.width !== size.width || dims.height !== size.height) {
      throw new RichMenuInputError("image", `画像の大きさは ${size.width}×${size.height} ピクセルにしてください（選んだ画像は ${dims.width}×${dims.height} です）。`);
    }
    return { bounds, image, contentType: dims.type, width: size.width, height: size.height };
  }
  if (input.layout === FREE_LAYOUT) throw new RichMenuInputError("image", "自由配置のメニューには画像が必要です。");
  return { bounds, image: new Uint8Array(renderGridPng(size, bounds)), contentType: "image/png", width: size.width, height: size.height };
}

export async function saveRichMenu(db: Db, { input, image, actor }: { input: SaveRichMenuInput; image: Uint8Array | null; actor: AuditActor }): Promise<{ id: string }> {
  const upload = image && image.byteLength > 0 ? image : null;
  return db.$transaction(async (tx) => {
    let prepared: ReturnType<typeof prepareRichMenu>;
    if (input.id) {
      const existing = await tx.richMenu.findUnique({ where: { id: input.id }, select: { lineRichMenuId: true, image: true, imageContentType: true, layout: true, width: true, height: true } });
      if (!existing) throw new AppError("NOT_FOUND", { userMessage: "このリッチメニューは見つかりませんでした。一覧から選び直してください。" });
      if (existing.lineRichMenuId) throw new AppError("INVALID_STATE", { userMessage: "公開済みのリッチメニューは変更できません。「複製して編集」で新しい下書きを作ってください。" });
      const size = RICH_MENU_SIZES[input.size];
      const sameCanvas = existing.width === size.width && existing.height === size.height;
      if (!upload && sameCanvas && (existing.layout === input.layout || input.layout === FREE_LAYOUT)) {
        // Only texts or areas changed: keep the image (an uploaded design or the drawn grid).
        const checked = prepareRichMenu(input, existing.image);
        prepared = { ...checked, image: existing.image, contentType: existing.imageContentType };
      } else prepared = prepareRichMenu(input, upload);
    } else prepared = prepareRichMenu(input, upload);
    const areas: StoredArea[] = input.areas.map((a, i) => ({ label: a.label, kind: a.kind, value: a.value, bounds: prepared.bounds[i]! }));
    const data = {
      name: input.name,
      chatBarText: input.chatBarText,
      audience: input.audience,
      language: input.language,
      width: prepared.width,
      height: prepared.height,
      layout: input.layout,
      areas: areas as unknown as Prisma.InputJsonValue,
      image: prepared.image as Uint8Array<ArrayBuffer>,
      imageContentType: prepared.contentType,
    };
    const saved = input.id ? await tx.richMenu.update({ where: { id: input.id }, data, select: { id: true } }) : await tx.richMenu.create({ data, select: { id: true } });
    await writeAudit(tx, { actor, action: input.id ? "rich-menus.update" : "rich-menus.create", target: { type: "rich-menu", id: saved.id }, summary: { name: input.name, audience: input.audience, language: input.language, layout: input.layout } });
    return saved;
  });
}

function lineFailure(action: string, error: unknown): AppError {
  const outcome = classifyLineError(error);
  const detail = outcome.kind === "rejected" ? `${outcome.status} ${outcome.message} ${outcome.details.map((d) => `${d.property}: ${d.message}`).join("; ")}` : outcome.kind;
  return new AppError(outcome.kind === "rejected" ? "INVALID_INPUT" : "UPSTREAM", {
    message: `rich menu ${action}: ${detail}`,
    userMessage:
      outcome.kind === "rejected"
        ? `LINE がリッチメニューを受け付けませんでした（${detail.trim()}）。内容を確認してください。`
        : outcome.kind === "rate-limited"
          ? "LINE の利用回数の上限に達しました。しばらく待ってから、もう一度お試しください。"
          : "LINE に接続できませんでした。しばらく待ってから、もう一度お試しください。",
    cause: error,
  });
}

/** Creates the menu at LINE with its image and puts it in its slot; residents are relinked by a job. */
export async function publishRichMenu(db: Db, { id, actor }: { id: string; actor: AuditActor }): Promise<{ lineRichMenuId: string; replaced: string | null }> {
  const menu = await db.richMenu.findUnique({ where: { id } });
  if (!menu) throw new AppError("NOT_FOUND", { userMessage: "このリッチメニューは見つかりませんでした。" });
  if (menu.lineRichMenuId && menu.activeSlot) throw new AppError("INVALID_STATE", { userMessage: "このリッチメニューはすでに公開されています。" });
  if (menu.lineRichMenuId && !menu.activeSlot) throw new AppError("INVALID_STATE", { userMessage: "公開を終了したリッチメニューは、もう一度公開できません。「複製して編集」で新しい下書きを作ってください。" });
  const areas = storedAreas(menu.areas);
  let lineRichMenuId: string;
  try {
    ({ richMenuId: lineRichMenuId } = await getMessagingApiClient().createRichMenu({
      size: { width: menu.width, height: menu.height },
      selected: menu.audience === "DISASTER",
      name: menu.name.slice(0, 300),
      chatBarText: menu.chatBarText,
      areas: areas.map((area) => ({ bounds: area.bounds, action: toLineAction(area) })),
    }));
  } catch (error) {
    throw lineFailure("create", error);
  }
  try {
    await getMessagingApiBlobClient().setRichMenuImage(lineRichMenuId, new Blob([menu.image as Uint8Array<ArrayBuffer>], { type: menu.imageContentType }));
  } catch (error) {
    await getMessagingApiClient().deleteRichMenu(lineRichMenuId).catch(() => undefined);
    throw lineFailure("image upload", error);
  }
  const slot = slotKey(menu.audience, menu.language);
  const replaced = await db.$transaction(async (tx) => {
    const previous = await tx.richMenu.findUnique({ where: { activeSlot: slot }, select: { id: true, name: true } });
    if (previous) await tx.richMenu.update({ where: { id: previous.id }, data: { activeSlot: null } });
    await tx.richMenu.update({ where: { id }, data: { lineRichMenuId, publishedAt: new Date(), activeSlot: slot } });
    await writeAudit(tx, { actor, action: "rich-menus.publish", target: { type: "rich-menu", id }, summary: { name: menu.name, slot, lineRichMenuId, replaced: previous?.id ?? null } });
    return previous?.id ?? null;
  });
  return { lineRichMenuId, replaced };
}

/** Takes a published menu out of use (its residents get their next-best menu). */
export async function retireRichMenu(db: Db, { id, actor }: { id: string; actor: AuditActor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const menu = await tx.richMenu.findUnique({ where: { id }, select: { name: true, activeSlot: true } });
    if (!menu?.activeSlot) throw new AppError("INVALID_STATE", { userMessage: "このリッチメニューは公開中ではありません。" });
    const state = await tx.richMenuState.findUnique({ where: { id: 1 } });
    if (state?.defaultMenuId === id) throw new AppError("INVALID_STATE", { userMessage: "既定のリッチメニューは公開を終了できません。先にほかのメニューを既定にしてください。" });
    await tx.richMenu.update({ where: { id }, data: { activeSlot: null } });
    await writeAudit(tx, { actor, action: "rich-menus.retire", target: { type: "rich-menu", id }, summary: { name: menu.name, slot: menu.activeSlot } });
  });
}

export async function deleteRichMenuDraft(db: Db, { id, actor }: { id: string; actor: AuditActor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const menu = await tx.richMenu.findUnique({ where: { id }, select: { name: true, lineRichMenuId: true } });
    if (!menu) throw new AppError("NOT_FOUND", { userMessage: "このリッチメニューは見つかりませんでした。" });
    if (menu.lineRichMenuId) throw new AppError("INVALID_STATE", { userMessage: "公開したことのあるリッチメニューは、記録のため削除できません。" });
    await tx.richMenu.delete({ where: { id } });
    await writeAudit(tx, { actor, action: "rich-menus.delete", target: { type: "rich-menu", id }, summary: { name: menu.name } });
  });
}

/** LINE's default menu (shown to everyone without a per-user link, e.g. right after adding the friend). */
export async function setDefaultRichMenu(db: Db, { id, actor }: { id: string; actor: AuditActor }): Promise<void> {
  const menu = await db.richMenu.findUnique({ where: { id }, select: { name: true, lineRichMenuId: true, activeSlot: true, audience: true } });
  if (!menu?.lineRichMenuId || !menu.activeSlot) throw new AppError("INVALID_STATE", { userMessage: "既定にできるのは公開中のリッチメニューだけです。" });
  if (menu.audience === "DISASTER") throw new AppError("INVALID_STATE", { userMessage: "災害モードのメニューは既定にできません。災害モードの切り替えを使ってください。" });
  const state = await db.richMenuState.findUnique({ where: { id: 1 } });
  if (!state?.disasterMode) {
    try {
      await getMessagingApiClient().setDefaultRichMenu(menu.lineRichMenuId);
    } catch (error) {
      throw lineFailure("set default", error);
    }
  }
  await db.$transaction(async (tx) => {
    await tx.richMenuState.upsert({ where: { id: 1 }, create: { id: 1, defaultMenuId: id }, update: { defaultMenuId: id } });
    await writeAudit(tx, { actor, action: "rich-menus.set-default", target: { type: "rich-menu", id }, summary: { name: menu.name } });
  });
}

/**
 * The disaster switch: one action puts the disaster menu in place for every friend, another
 * restores each resident's own menu. Bumps the version; the relinking job does the LINE calls.
 */
export async function switchDisasterMode(db: Db, { on, actor }: { on: boolean; actor: AuditActor }): Promise<{ version: number }> {
  return db.$transaction(async (tx) => {
    const state = await tx.richMenuState.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} });
    if (state.disasterMode === on) throw new AppError("INVALID_STATE", { userMessage: on ? "すでに災害モードです。" : "災害モードではありません。" });
    if (on) {
      const disasterMenus = await tx.richMenu.count({ where: { audience: "DISASTER", activeSlot: { not: null } } });
      if (disasterMenus === 0) throw new AppError("INVALID_STATE", { userMessage: "公開中の災害モード用メニューがありません。先に「災害モード（全員）」向けのメニューを作成して公開してください。" });
    }
    const updated = await tx.richMenuState.update({
      where: { id: 1 },
      data: { disasterMode: on, disasterModeSince: on ? new Date() : null, version: { increment: 1 }, applyDone: 0, applyTotal: 0, applyFinishedAt: null, applyError: null },
    });
    await writeAudit(tx, { actor, action: on ? "rich-menus.disaster-mode-on" : "rich-menus.disaster-mode-off", target: { type: "rich-menu", id: null }, summary: { version: updated.version } });
    return { version: updated.version };
  });
}

/** Starts a relinking run for the current state (after publish, retire or a switch). */
export async function bumpRelinkVersion(db: Db): Promise<number> {
  const state = await db.richMenuState.upsert({
    where: { id: 1 },
    create: { id: 1, version: 1 },
    update: { version: { increment: 1 }, applyDone: 0, applyTotal: 0, applyFinishedAt: null, applyError: null },
  });
  return state.version;
}
