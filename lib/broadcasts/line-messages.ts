// Composed drafts → the LINE messages residents receive, per language. Built with lib/line/messages.ts,
// whose builders refuse what LINE would reject, so the composer finds out before anyone approves.
// The Flex templates' fixed words (「お知らせ」「対象地区」…) are in the variant's own language.
import type { messagingApi } from "@line/bot-sdk";
import {
  flexBox,
  flexBubble,
  flexButton,
  flexMessage,
  flexSeparator,
  flexText,
  LineMessageError,
  textMessage,
  uriAction,
  type FlexComponent,
  type LineMessage,
} from "@/lib/line/messages";
import { FLEX_TEMPLATES, type BroadcastContent, type FlexButtonDraft, type MessageDraft } from "@/lib/broadcasts/content";
import type { Language } from "@/lib/registration/options";

export type MessageContext = {
  /** The app's public URL (images are served from it). */
  appUrl: string;
  /** LIFF app id for buttons that open Kairan's LIFF pages. */
  liffId: string;
};

const WORDS: Record<Language, { notice: string; disaster: string; event: string; area: string; date: string; place: string; image: string }> = {
  ja: { notice: "お知らせ", disaster: "防災アラート", event: "イベント案内", area: "対象地区", date: "日時", place: "会場", image: "画像" },
  "ja-easy": { notice: "おしらせ", disaster: "きけん の おしらせ", event: "イベント の おしらせ", area: "ばしょ", date: "ひにち", place: "ばしょ", image: "え" },
  en: { notice: "Notice", disaster: "Emergency alert", event: "Event", area: "Area", date: "Date", place: "Venue", image: "Image" },
  zh: { notice: "通知", disaster: "防灾警报", event: "活动通知", area: "对象地区", date: "日期", place: "地点", image: "图片" },
  ko: { notice: "알림", disaster: "재난 경보", event: "행사 안내", area: "대상 지역", date: "일시", place: "장소", image: "이미지" },
  vi: { notice: "Thông báo", disaster: "Cảnh báo thiên tai", event: "Sự kiện", area: "Khu vực", date: "Thời gian", place: "Địa điểm", image: "Hình ảnh" },
  pt: { notice: "Aviso", disaster: "Alerta de emergência", event: "Evento", area: "Área", date: "Data", place: "Local", image: "Imagem" },
};

/** DADS colours: key blue, and the error red for emergency alerts. */
const BLUE = "#0017C1";
const RED = "#CE0000";
const GRAY = "#626264";

export function broadcastImageUrl(context: Pick<MessageContext, "appUrl">, imageId: string, variant: "original" | "preview"): string {
  return `${context.appUrl.replace(/\/+$/, "")}/liff/images/${imageId}/${variant}.jpg`;
}

/**
 * LINE fetches media itself and accepts only https. The one exception is the local emulator, which
 * accepts http://localhost (its --allow-localhost-http): the demo and the tests run the app there.
 */
function mediaUrl(url: string): string {
  if (url.startsWith("https://")) return url;
  const host = new URL(url).hostname;
  if (host === "localhost" || host === "127.0.0.1") return url;
  throw new LineMessageError(`media URLs must be https: ${url}`);
}

function buttonAction(button: FlexButtonDraft, context: MessageContext): messagingApi.Action | null {
  if (button.kind === "none") return null;
  if (button.kind === "url") return uriAction(button.label, button.url);
  return uriAction(button.label, `https://liff.line.me/${context.liffId}/${button.page}`);
}

function footer(button: FlexButtonDraft, context: MessageContext, color: string): messagingApi.FlexBox | undefined {
  const action = buttonAction(button, context);
  return action ? flexBox("vertical", [flexButton(action, { style: "primary", color, height: "sm" })]) : undefined;
}

function hero(imageId: string | null, context: MessageContext): messagingApi.FlexImage | undefined {
  if (!imageId) return undefined;
  return { type: "image", url: mediaUrl(broadcastImageUrl(context, imageId, "original")), size: "full", aspectRatio: "20:13", aspectMode: "cover" };
}

function labelled(labelText: string, value: string): messagingApi.FlexBox {
  return flexBox("baseline", [flexText(labelText, { size: "sm", color: GRAY, flex: 2 }), flexText(value, { size: "sm", wrap: true, flex: 5 })], { spacing: "sm" });
}

function altText(text: string): string {
  return text.length <= 400 ? text : `${text.slice(0, 399)}…`;
}

export function draftToLineMessage(draft: MessageDraft, language: Language, context: MessageContext): LineMessage {
  const words = WORDS[language];
  switch (draft.type) {
    case "text":
      return textMessage(draft.text);
    case "image": {
      // imageMessage() in lib/line insists on https; mediaUrl() allows the local emulator as well.
      return {
        type: "image",
        originalContentUrl: mediaUrl(broadcastImageUrl(context, draft.imageId, "original")),
        previewImageUrl: mediaUrl(broadcastImageUrl(context, draft.imageId, "preview")),
      };
    }
    case "flex": {
      if (draft.template === "notice") {
        const body: FlexComponent[] = [
          flexText(words.notice, { size: "xs", color: BLUE, weight: "bold" }),
          flexText(draft.title, { size: "lg", weight: "bold", wrap: true }),
          flexText(draft.body, { size: "sm", wrap: true }),
        ];
        return flexMessage(
          altText(`${words.notice}：${draft.title}`),
          flexBubble({ hero: hero(draft.imageId, context), body: flexBox("vertical", body, { spacing: "md" }), footer: footer(draft.button, context, BLUE) }),
        );
      }
      if (draft.template === "disaster") {
        return flexMessage(
          altText(`【${words.disaster}】${draft.level} ${draft.title}`),
          flexBubble({
            header: flexBox(
              "vertical",
              [flexText(`⚠ ${words.disaster}`, { size: "sm", color: "#FFFFFF", weight: "bold" }), flexText(draft.level, { size: "xl", color: "#FFFFFF", weight: "bold", wrap: true })],
              { backgroundColor: RED, paddingAll: "16px", spacing: "sm" },
            ),
            body: flexBox(
              "vertical",
              [flexText(draft.title, { size: "lg", weight: "bold", wrap: true }), labelled(words.area, draft.area), flexSeparator(), flexText(draft.body, { size: "sm", wrap: true })],
              { spacing: "md" },
            ),
            footer: footer(draft.button, context, RED),
          }),
        );
      }
      const body: FlexComponent[] = [
        flexText(words.event, { size: "xs", color: BLUE, weight: "bold" }),
        flexText(draft.title, { size: "lg", weight: "bold", wrap: true }),
        labelled(words.date, draft.date),
        labelled(words.place, draft.place),
      ];
      if (draft.body) body.push(flexText(draft.body, { size: "sm", wrap: true }));
      return flexMessage(
        altText(`${words.event}：${draft.title}`),
        flexBubble({ hero: hero(draft.imageId, context), body: flexBox("vertical", body, { spacing: "md" }), footer: footer(draft.button, context, BLUE) }),
      );
    }
  }
}

export type LineMessagesByLanguage = Partial<Record<Language, LineMessage[]>>;

/** Every variant as LINE messages; throws LineMessageError (with the language and message number). */
export function buildLineMessages(content: BroadcastContent, context: MessageContext): LineMessagesByLanguage {
  const out: LineMessagesByLanguage = {};
  for (const [language, drafts] of Object.entries(content.variants) as [Language, MessageDraft[]][]) {
    out[language] = drafts.map((draft, i) => {
      try {
        return draftToLineMessage(draft, language, context);
      } catch (error) {
        if (error instanceof LineMessageError) throw new LineMessageError(`${language} #${i + 1}: ${error.message}`);
        throw error;
      }
    });
  }
  return out;
}

export function templateLabel(draft: MessageDraft): string {
  if (draft.type === "text") return "テキスト";
  if (draft.type === "image") return "画像";
  return `Flex（${FLEX_TEMPLATES[draft.template].label}）`;
}
