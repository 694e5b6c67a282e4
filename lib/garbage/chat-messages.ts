// What the garbage feature says in the chat (LINE messages; polite Japanese, telling the resident
// what to do next). Pure functions, so their shape is tested without a chat.
import {
  flexBox,
  flexBubble,
  flexButton,
  flexMessage,
  flexSeparator,
  flexText,
  liffUrl,
  postbackAction,
  textMessage,
  uriAction,
  type FlexComponent,
  type LineAction,
  type LineMessage,
} from "@/lib/line/messages";
import { LINE_ACTION_LABEL_MAX, LINE_QUICK_REPLY_MAX_ITEMS } from "@/lib/line/messages";

/** The LIFF page of garbage search (app/liff/garbage). */
export const GARBAGE_LIFF_PATH = "/garbage";

/** Black or white text, whichever reads better on the category's colour (WCAG relative luminance). */
export function textColourOn(background: string): "#000000" | "#ffffff" {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background);
  if (!m) return "#ffffff";
  const channel = (hex: string) => {
    const c = parseInt(hex, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(m[1]!) + 0.7152 * channel(m[2]!) + 0.0722 * channel(m[3]!);
  // Contrast with white (1.05 / (L + 0.05)) against contrast with black ((L + 0.05) / 0.05).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

/** A quick-reply label within LINE's 20 characters. */
export function shortLabel(text: string, max = LINE_ACTION_LABEL_MAX): string {
  const chars = Array.from(new Intl.Segmenter("ja", { granularity: "grapheme" }).segment(text), (s) => s.segment);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

export type GarbageCard = {
  itemId: number;
  name: string;
  notice: string;
  category: { name: string; colour: string; description: string };
  /** Next collection: "明日 12月3日（木）" and the area, or why there is none. */
  collection: { kind: "next"; label: string; area: string } | { kind: "none"; area: string } | { kind: "unknown-area" };
};

export function garbageCardMessage(card: GarbageCard): LineMessage {
  const fg = textColourOn(card.category.colour);
  const body: FlexComponent[] = [flexText(card.name, { weight: "bold", size: "lg", wrap: true })];
  if (card.notice) body.push(flexText(card.notice, { size: "sm", wrap: true, color: "#333333", margin: "md" }));
  body.push(flexSeparator({ margin: "lg" }));
  if (card.collection.kind === "next") {
    body.push(flexText(`次の収集日（${card.collection.area}）`, { size: "sm", color: "#555555", margin: "lg", wrap: true }));
    body.push(flexText(card.collection.label, { weight: "bold", size: "md", wrap: true }));
  } else if (card.collection.kind === "none") {
    body.push(flexText(`「${card.category.name}」に決まった収集日はありません。`, { size: "sm", wrap: true, margin: "lg" }));
    if (card.category.description) body.push(flexText(card.category.description, { size: "sm", wrap: true, color: "#333333" }));
  } else {
    body.push(flexText("お住まいの地区を教えていただくと、次の収集日をお知らせします。", { size: "sm", wrap: true, margin: "lg", color: "#333333" }));
  }
  const bubble = flexBubble({
    header: flexBox("vertical", [flexText(card.category.name, { weight: "bold", color: fg, wrap: true })], { backgroundColor: card.category.colour, paddingAll: "md" }),
    body: flexBox("vertical", body, { spacing: "sm" }),
    footer: flexBox(
      "vertical",
      [
        flexButton(uriAction("収集日カレンダーを見る", liffUrl(GARBAGE_LIFF_PATH, { tab: "calendar" })), { style: "secondary", height: "sm" }),
        flexButton(uriAction("ほかの品目を調べる", liffUrl(GARBAGE_LIFF_PATH)), { style: "link", height: "sm" }),
      ],
      { spacing: "sm" },
    ),
  });
  const when = card.collection.kind === "next" ? `次の収集日は${card.collection.label}です。` : "";
  return flexMessage(`「${card.name}」は${card.category.name}です。${when}`.slice(0, 400), bubble);
}

export type Choice = { itemId: number; name: string; categoryName: string };

/** Several rows answer: the resident chooses (quick replies, at most 13). */
export function choicesMessage(options: { query: string; choices: Choice[]; ambiguous: boolean }): LineMessage {
  const choices = options.choices.slice(0, LINE_QUICK_REPLY_MAX_ITEMS);
  const lines = choices.map((c, i) => `${i + 1}. ${c.name}（${c.categoryName}）`).join("\n");
  const intro = options.ambiguous
    ? `「${options.query}」は、大きさや素材によって出し方が変わります。当てはまるものを下から選んでください。`
    : `「${options.query}」に近い品目が見つかりました。当てはまるものを下から選んでください。`;
  const actions: LineAction[] = choices.map((c) => postbackAction(shortLabel(c.name), `action=garbage-item&id=${c.itemId}`, { displayText: c.name.slice(0, 300) }));
  return textMessage(`${intro}\n${lines}`, { quickReply: actions });
}

export function notFoundMessage(query: string): LineMessage {
  const card = flexBubble({
    body: flexBox(
      "vertical",
      [
        flexText("見つかりませんでした", { weight: "bold", size: "lg" }),
        flexText(`「${query}」は、ごみ分別の辞書に見つかりませんでした。別の言い方（例：「スマートフォン」→「携帯電話」）や、ひらがなでもお試しください。`, { size: "sm", wrap: true, margin: "md" }),
        flexText("いただいた言葉は、辞書を良くするために担当課が確認します。", { size: "xs", wrap: true, color: "#555555", margin: "md" }),
      ],
      { spacing: "sm" },
    ),
    footer: flexBox("vertical", [flexButton(uriAction("ごみ分別の一覧から探す", liffUrl(GARBAGE_LIFF_PATH, { q: query.slice(0, 40) })), { style: "primary", color: "#0031d8" })]),
  });
  return flexMessage(`「${query}」はごみ分別の辞書に見つかりませんでした。`.slice(0, 400), card);
}

/** Asks for the resident's district (school districts first: at most 13 quick replies). */
export function askDistrictMessage(options: { groups: { code: string; name: string }[]; itemId?: number }): LineMessage {
  const item = options.itemId ? `&item=${options.itemId}` : "";
  const actions = options.groups
    .slice(0, LINE_QUICK_REPLY_MAX_ITEMS)
    .map((g) => postbackAction(shortLabel(g.name), `action=garbage-school&code=${encodeURIComponent(g.code)}${item}`, { displayText: g.name }));
  return textMessage("お住まいの地区を教えてください。まず、お住まいの小学校区を下から選んでください（一度選ぶと、次からは聞きません）。", actions.length ? { quickReply: actions } : {});
}

export function askDistrictInSchoolMessage(options: { schoolName: string; districts: { id: number; name: string }[]; itemId?: number }): LineMessage {
  const item = options.itemId ? `&item=${options.itemId}` : "";
  const actions = options.districts
    .slice(0, LINE_QUICK_REPLY_MAX_ITEMS)
    .map((d) => postbackAction(shortLabel(d.name), `action=garbage-district&id=${d.id}${item}`, { displayText: d.name }));
  return textMessage(`${options.schoolName}の中で、お住まいの町丁目を選んでください。`, { quickReply: actions });
}

export function askAreaByNameMessage(): LineMessage {
  return textMessage("お住まいの地区名（町名）を入力して送ってください。例：「本町」。次の収集日をお知らせします。");
}

export function areaChoicesMessage(options: { areas: { id: number; label: string }[]; itemId?: number }): LineMessage {
  const item = options.itemId ? `&item=${options.itemId}` : "";
  return textMessage("当てはまる地区を選んでください。", {
    quickReply: options.areas.slice(0, LINE_QUICK_REPLY_MAX_ITEMS).map((a) => postbackAction(shortLabel(a.label), `action=garbage-area&id=${a.id}${item}`, { displayText: a.label })),
  });
}

/** The next collection day of every category in the resident's area. */
export function collectionDaysMessage(options: { area: string; days: { category: string; label: string | null }[] }): LineMessage {
  const lines = options.days.map((d) => `・${d.category}：${d.label ?? "決まった収集日はありません"}`);
  return textMessage(`${options.area}の次の収集日です。\n${lines.join("\n")}\n\n「前日20時に通知」は、メニューの「ごみ分別」から設定できます。`, {
    quickReply: [uriAction("カレンダーを見る", liffUrl(GARBAGE_LIFF_PATH, { tab: "calendar" }))],
  });
}

