// Garbage sorting in the chat (registered with lib/webhook/registry.ts; loaded by
// lib/webhook/features.ts). A resident types an item → a card with its category, how to put it out
// and the next collection day for their area; several candidates → quick replies; nothing → a
// friendly answer, the LIFF search, and the query kept for staff. The area is asked for once
// (school district → 町丁目, or the area's name as a pending step) and remembered.
import type { DbTx } from "@/lib/db";
import { registerConversationStep, registerPostbackHandler, registerTextIntent, type ChatContext, type ChatReply, type TextContext } from "@/lib/webhook/registry";
import { findActiveDictionary } from "@/lib/garbage/dictionaries";
import { searchGarbage, type GarbageSearchResult } from "@/lib/garbage/search";
import { recordUnanswered } from "@/lib/garbage/unanswered";
import { findAreasByName, findResidentArea, loadAreaSchedule, nextCollection, setResidentArea } from "@/lib/garbage/areas";
import { moveReminders } from "@/lib/garbage/reminder-settings";
import { japanToday, relativeDayLabel } from "@/lib/garbage/schedule";
import {
  areaChoicesMessage,
  askAreaByNameMessage,
  askDistrictInSchoolMessage,
  askDistrictMessage,
  choicesMessage,
  collectionDaysMessage,
  garbageCardMessage,
  notFoundMessage,
  type GarbageCard,
} from "@/lib/garbage/chat-messages";
import type { LineMessage } from "@/lib/line/messages";

export const GARBAGE_FEATURE = "garbage";

/** Words that make a message a garbage question even when the item is not found. */
const GARBAGE_CUE = /ごみ|ゴミ|捨て|すてたい|すてかた|出し方|だしかた|分別|ぶんべつ|粗大|処分したい/;
/** "When is garbage day": the collection days of the resident's area. */
const DAYS_CUE = /(ごみ|ゴミ)(の日|の収集日|出しの日)|収集日|何曜日|(今日|明日|きょう|あした)[はの]?(何|なに|なん)の?(ごみ|ゴミ)/;
/** Longer texts are letters for the staff inbox, not item names. */
const MAX_QUERY = 60;
/** A search answer strong enough to take a message without a garbage word in it. */
const STRONG_SCORE = 80;

// The search a text intent's match() made, reused by its handle() (same event, same transaction).
const searches = new WeakMap<object, { dictionaryId: number; result: GarbageSearchResult }>();

async function activeDictionaryId(tx: DbTx): Promise<number | null> {
  return (await findActiveDictionary(tx))?.id ?? null;
}

/** The card of one item, with the next collection day of the resident's area when known. */
async function itemCard(ctx: ChatContext, itemId: number): Promise<{ card: GarbageCard; areaKnown: boolean } | null> {
  const item = await ctx.tx.garbageItem.findUnique({ where: { id: itemId }, include: { category: true } });
  if (!item) return null;
  const area = await findResidentArea(ctx.tx, { dictionaryId: item.dictionaryId, residentId: ctx.resident.id });
  let collection: GarbageCard["collection"] = { kind: "unknown-area" };
  if (area) {
    const schedule = await loadAreaSchedule(ctx.tx, area.id);
    const today = japanToday(ctx.now);
    const next = schedule ? nextCollection(schedule, item.categoryId, today) : null;
    collection = next ? { kind: "next", label: relativeDayLabel(next, today), area: area.name } : { kind: "none", area: area.name };
  }
  return {
    card: { itemId: item.id, name: item.name, notice: item.notice, category: { name: item.category.name, colour: item.category.colour, description: item.category.description }, collection },
    areaKnown: Boolean(area),
  };
}

/** How to ask for the area: by school district and 町丁目 when the dictionary maps districts, else by name. */
async function askArea(ctx: ChatContext, dictionaryId: number, itemId?: number): Promise<LineMessage> {
  const mapped = await ctx.tx.garbageAreaDistrict.findMany({ where: { dictionaryId }, select: { districtId: true } });
  if (mapped.length) {
    const schools = await ctx.tx.schoolDistrict.findMany({ where: { districts: { some: { id: { in: mapped.map((m) => m.districtId) } } } }, orderBy: { sortOrder: "asc" } });
    return askDistrictMessage({ groups: schools.map((s) => ({ code: s.code, name: s.name })), itemId });
  }
  await ctx.setPendingStep({ feature: GARBAGE_FEATURE, step: "area-name", data: itemId ? { itemId } : {} });
  return askAreaByNameMessage();
}

async function answerItem(ctx: ChatContext, itemId: number, outcome: string): Promise<ChatReply> {
  const found = await itemCard(ctx, itemId);
  if (!found) return { outcome: "garbage:item-gone", messages: [notFoundMessage("選んだ品目")] };
  const messages: LineMessage[] = [garbageCardMessage(found.card)];
  if (!found.areaKnown) {
    const item = await ctx.tx.garbageItem.findUniqueOrThrow({ where: { id: itemId }, select: { dictionaryId: true } });
    messages.push(await askArea(ctx, item.dictionaryId, itemId));
  }
  return { outcome, messages };
}

/** After the area is known: the card of the item asked about, or the collection days. */
async function afterAreaChosen(ctx: ChatContext, areaId: number, itemId: number | null): Promise<ChatReply> {
  await setResidentArea(ctx.tx, { residentId: ctx.resident.id, areaId });
  await moveReminders(ctx.tx, { residentId: ctx.resident.id, areaId });
  const area = await ctx.tx.garbageArea.findUniqueOrThrow({ where: { id: areaId } });
  if (itemId) {
    const reply = await answerItem(ctx, itemId, "garbage:area-set");
    return { ...reply, messages: [{ type: "text", text: `お住まいの地区を「${area.name}」にしました。` }, ...(reply.messages ?? [])] };
  }
  return { outcome: "garbage:area-set", messages: [await collectionDays(ctx, areaId)] };
}

async function collectionDays(ctx: ChatContext, areaId: number): Promise<LineMessage> {
  const schedule = (await loadAreaSchedule(ctx.tx, areaId))!;
  const today = japanToday(ctx.now);
  return collectionDaysMessage({
    area: schedule.area.name,
    days: schedule.categories
      .filter((c) => c.rule)
      .map((c) => {
        const next = nextCollection(schedule, c.id, today);
        return { category: c.name, label: next ? relativeDayLabel(next, today) : null };
      }),
  });
}

// ── "ごみの日" (when is garbage collected in my area)

registerTextIntent({
  name: "garbage-days",
  priority: 40,
  async match(text, ctx) {
    return text.length <= 30 && DAYS_CUE.test(text.normalize("NFKC")) && (await activeDictionaryId(ctx.tx)) !== null;
  },
  async handle(ctx) {
    const dictionaryId = (await activeDictionaryId(ctx.tx))!;
    const area = await findResidentArea(ctx.tx, { dictionaryId, residentId: ctx.resident.id });
    if (!area) return { outcome: "garbage:ask-area", messages: [await askArea(ctx, dictionaryId)] };
    return { outcome: "garbage:days", messages: [await collectionDays(ctx, area.id)] };
  },
});

// ── an item typed by the resident

registerTextIntent({
  name: "garbage",
  priority: 50,
  async match(text, ctx: TextContext) {
    if (text.length > MAX_QUERY) return false;
    const dictionaryId = await activeDictionaryId(ctx.tx);
    if (!dictionaryId) return false;
    const result = await searchGarbage(ctx.tx, { dictionaryId, query: text });
    searches.set(ctx, { dictionaryId, result });
    const top = result.hits[0];
    return GARBAGE_CUE.test(text.normalize("NFKC")) || Boolean(top && (top.match === "exact" || top.score >= STRONG_SCORE));
  },
  async handle(ctx) {
    const found = searches.get(ctx);
    const dictionaryId = found?.dictionaryId ?? (await activeDictionaryId(ctx.tx))!;
    const result = found?.result ?? (await searchGarbage(ctx.tx, { dictionaryId, query: ctx.text }));
    const query = ctx.text.trim().slice(0, MAX_QUERY);
    if (result.answers.length === 0) {
      await recordUnanswered(ctx.tx, { dictionaryId, query, source: "chat" });
      return { outcome: "garbage:not-found", messages: [notFoundMessage(query)] };
    }
    const top = result.hits[0]!;
    const strong = top.match === "exact" || top.score >= STRONG_SCORE;
    if (result.ambiguous || !strong) {
      const choices = (result.ambiguous ? result.answers : result.hits.slice(0, 5)).map((h) => ({ itemId: h.itemId, name: h.name, categoryName: h.categoryName }));
      if (choices.length > 1) return { outcome: result.ambiguous ? "garbage:choices" : "garbage:maybe", messages: [choicesMessage({ query, choices, ambiguous: result.ambiguous })] };
    }
    return answerItem(ctx, top.itemId, "garbage:answer");
  },
});

// ── postbacks: a chosen item, school district, 町丁目 or area

registerPostbackHandler("garbage-item", async (ctx) => {
  const itemId = Number(ctx.params.get("id"));
  if (!Number.isInteger(itemId) || itemId < 1) return { outcome: "garbage:bad-postback" };
  return answerItem(ctx, itemId, "garbage:item");
});

registerPostbackHandler("garbage-school", async (ctx) => {
  const school = await ctx.tx.schoolDistrict.findUnique({ where: { code: ctx.params.get("code") ?? "" }, include: { districts: { orderBy: { sortOrder: "asc" } } } });
  if (!school) return { outcome: "garbage:bad-postback" };
  const itemId = Number(ctx.params.get("item")) || undefined;
  return { outcome: "garbage:ask-district", messages: [askDistrictInSchoolMessage({ schoolName: school.name, districts: school.districts, itemId })] };
});

registerPostbackHandler("garbage-district", async (ctx) => {
  const districtId = Number(ctx.params.get("id"));
  const dictionaryId = await activeDictionaryId(ctx.tx);
  if (!dictionaryId || !Number.isInteger(districtId)) return { outcome: "garbage:bad-postback" };
  const mapped = await ctx.tx.garbageAreaDistrict.findUnique({ where: { dictionaryId_districtId: { dictionaryId, districtId } } });
  if (!mapped) return { outcome: "garbage:district-unmapped", messages: [{ type: "text", text: "この地区の収集日はまだ登録されていません。お手数ですが、市役所の担当課にお問い合わせください。" }] };
  return afterAreaChosen(ctx, mapped.areaId, Number(ctx.params.get("item")) || null);
});

registerPostbackHandler("garbage-area", async (ctx) => {
  const areaId = Number(ctx.params.get("id"));
  const dictionaryId = await activeDictionaryId(ctx.tx);
  const area = Number.isInteger(areaId) ? await ctx.tx.garbageArea.findUnique({ where: { id: areaId } }) : null;
  if (!area || area.dictionaryId !== dictionaryId) return { outcome: "garbage:bad-postback" };
  return afterAreaChosen(ctx, area.id, Number(ctx.params.get("item")) || null);
});

// ── the area typed by name (dictionaries without a district mapping)

registerConversationStep(GARBAGE_FEATURE, {
  async text(ctx) {
    if (ctx.step.step !== "area-name") return null;
    const dictionaryId = await activeDictionaryId(ctx.tx);
    if (!dictionaryId) return null;
    const areas = await findAreasByName(ctx.tx, { dictionaryId, text: ctx.text, limit: 13 });
    // Not an area name: let the message go its normal way (it may be another question).
    if (areas.length === 0) return null;
    const itemId = typeof ctx.step.data.itemId === "number" ? ctx.step.data.itemId : null;
    if (areas.length === 1) return afterAreaChosen(ctx, areas[0]!.id, itemId);
    return { outcome: "garbage:area-choices", messages: [areaChoicesMessage({ areas: areas.map((a) => ({ id: a.id, label: a.groupName ? `${a.groupName} ${a.name}` : a.name })), itemId: itemId ?? undefined })] };
  },
});
