// Typed builders for the messages Kairan sends. They produce @line/bot-sdk message objects and refuse
// (LineMessageError) what LINE would reject, so a feature finds out while composing, not when a
// broadcast to 100,000 residents comes back 400. Limits from the messaging-api reference (stored copy
// 2025-04-16) and text-character-count.
import type { messagingApi } from "@line/bot-sdk";
import { requireEnv } from "@/lib/env";

export type LineMessage = messagingApi.Message;
export type LineAction = messagingApi.Action;
export type FlexComponent = messagingApi.FlexComponent;
export type FlexBubble = messagingApi.FlexBubble;
export type FlexBox = messagingApi.FlexBox;

/** messages: 1..5 per request (messaging-api.yml). */
export const LINE_MAX_MESSAGES_PER_REQUEST = 5;
/** Text message: 5,000 characters in UTF-16 code units. */
export const LINE_TEXT_MAX_LENGTH = 5000;
/** Quick reply: at most 13 items. */
export const LINE_QUICK_REPLY_MAX_ITEMS = 13;
/** altText of flex/template/imagemap messages: 400 characters. */
export const LINE_ALT_TEXT_MAX_LENGTH = 400;
/** Action labels: 20 grapheme clusters (quick reply, templates), 40 in Flex buttons. */
export const LINE_ACTION_LABEL_MAX = 20;
export const LINE_FLEX_BUTTON_LABEL_MAX = 40;
/** Postback data and displayText: 300 characters. */
export const LINE_POSTBACK_DATA_MAX = 300;
/** A carousel holds at most 12 bubbles. */
export const LINE_FLEX_CAROUSEL_MAX_BUBBLES = 12;
/** Location title and address: 100 characters. */
export const LINE_LOCATION_TEXT_MAX = 100;

export class LineMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LineMessageError";
  }
}

const segmenter = new Intl.Segmenter("ja", { granularity: "grapheme" });

/** Labels count grapheme clusters (text-character-count), so "👨‍👩‍👧" is one character. */
export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

function requireLength(what: string, text: string, max: number, count: "utf16" | "grapheme" = "utf16"): void {
  if (text.length === 0) throw new LineMessageError(`${what} must not be empty`);
  const length = count === "grapheme" ? graphemeLength(text) : text.length;
  if (length > max) throw new LineMessageError(`${what} is ${length} characters; LINE allows ${max}`);
}

function requireHttps(what: string, url: string): void {
  // LINE fetches media itself and accepts only https (image, video, audio and icon URLs).
  if (!/^https:\/\//.test(url)) throw new LineMessageError(`${what} must be an https URL: ${url}`);
}

// ── actions

type LabelContext = "quickReply" | "template" | "flexButton";

function checkLabel(label: string, context: LabelContext = "quickReply"): void {
  requireLength("label", label, context === "flexButton" ? LINE_FLEX_BUTTON_LABEL_MAX : LINE_ACTION_LABEL_MAX, "grapheme");
}

export function postbackAction(label: string, data: string, options: { displayText?: string; inputOption?: messagingApi.PostbackAction["inputOption"]; fillInText?: string } = {}): messagingApi.PostbackAction {
  checkLabel(label, "flexButton");
  if (data.length > LINE_POSTBACK_DATA_MAX) throw new LineMessageError(`postback data is ${data.length} characters; LINE allows ${LINE_POSTBACK_DATA_MAX}`);
  if (options.displayText !== undefined) requireLength("displayText", options.displayText, LINE_POSTBACK_DATA_MAX, "grapheme");
  return { type: "postback", label, data, ...options };
}

export function messageAction(label: string, text: string = label): messagingApi.MessageAction {
  checkLabel(label, "flexButton");
  requireLength("message action text", text, 300, "grapheme");
  return { type: "message", label, text };
}

export function uriAction(label: string, uri: string): messagingApi.URIAction {
  checkLabel(label, "flexButton");
  if (!/^(https?:\/\/|line:\/\/|tel:)/.test(uri)) throw new LineMessageError(`URI actions accept http, https, line and tel URIs: ${uri}`);
  if (uri.length > 1000) throw new LineMessageError("URI is longer than 1000 characters");
  return { type: "uri", label, uri };
}

export function datetimePickerAction(
  label: string,
  data: string,
  mode: "date" | "time" | "datetime",
  options: { initial?: string; min?: string; max?: string } = {},
): messagingApi.DatetimePickerAction {
  checkLabel(label, "flexButton");
  if (data.length > LINE_POSTBACK_DATA_MAX) throw new LineMessageError(`postback data is ${data.length} characters; LINE allows ${LINE_POSTBACK_DATA_MAX}`);
  return { type: "datetimepicker", label, data, mode, ...options };
}

/** Quick reply only: lets the resident share a location. */
export function locationAction(label = "位置情報を送る"): messagingApi.LocationAction {
  checkLabel(label);
  return { type: "location", label };
}

/** Quick reply only: opens the camera. */
export function cameraAction(label = "カメラ"): messagingApi.CameraAction {
  checkLabel(label);
  return { type: "camera", label };
}

/** Quick reply only: opens the photo library. */
export function cameraRollAction(label = "写真を選ぶ"): messagingApi.CameraRollAction {
  checkLabel(label);
  return { type: "cameraRoll", label };
}

export function quickReply(actions: LineAction[]): messagingApi.QuickReply {
  if (actions.length === 0 || actions.length > LINE_QUICK_REPLY_MAX_ITEMS) {
    throw new LineMessageError(`a quick reply has 1 to ${LINE_QUICK_REPLY_MAX_ITEMS} items, not ${actions.length}`);
  }
  for (const action of actions) if (action.label !== undefined) checkLabel(action.label, "quickReply");
  return { items: actions.map((action) => ({ type: "action", action })) };
}

/** The LIFF URL of one of Kairan's LIFF pages: https://liff.line.me/{LIFF_ID}/path?query. */
export function liffUrl(path = "", query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  const cleanPath = path === "" ? "" : `/${path.replace(/^\/+/, "")}`;
  return `https://liff.line.me/${requireEnv("LIFF_ID")}${cleanPath}${search ? `?${search}` : ""}`;
}

// ── messages

type CommonOptions = { quickReply?: LineAction[]; sender?: { name?: string; iconUrl?: string } };

function withCommon<T extends LineMessage>(message: T, options: CommonOptions): T {
  if (options.quickReply) message.quickReply = quickReply(options.quickReply);
  if (options.sender) {
    if (options.sender.name !== undefined) requireLength("sender name", options.sender.name, 20);
    if (options.sender.iconUrl !== undefined) requireHttps("sender icon", options.sender.iconUrl);
    message.sender = options.sender;
  }
  return message;
}

export function textMessage(text: string, options: CommonOptions = {}): messagingApi.TextMessage {
  requireLength("text", text, LINE_TEXT_MAX_LENGTH);
  return withCommon({ type: "text", text }, options);
}

export function imageMessage(originalContentUrl: string, previewImageUrl: string = originalContentUrl, options: CommonOptions = {}): messagingApi.ImageMessage {
  requireHttps("image", originalContentUrl);
  requireHttps("preview image", previewImageUrl);
  return withCommon({ type: "image", originalContentUrl, previewImageUrl }, options);
}

export function locationMessage(location: { title: string; address: string; latitude: number; longitude: number }, options: CommonOptions = {}): messagingApi.LocationMessage {
  requireLength("location title", location.title, LINE_LOCATION_TEXT_MAX);
  requireLength("location address", location.address, LINE_LOCATION_TEXT_MAX);
  return withCommon({ type: "location", ...location }, options);
}

export function stickerMessage(packageId: string, stickerId: string, options: CommonOptions = {}): messagingApi.StickerMessage {
  return withCommon({ type: "sticker", packageId, stickerId }, options);
}

export function flexMessage(altText: string, contents: messagingApi.FlexContainer, options: CommonOptions = {}): messagingApi.FlexMessage {
  requireLength("altText", altText, LINE_ALT_TEXT_MAX_LENGTH);
  if (contents.type === "carousel" && (contents.contents.length === 0 || contents.contents.length > LINE_FLEX_CAROUSEL_MAX_BUBBLES)) {
    throw new LineMessageError(`a carousel has 1 to ${LINE_FLEX_CAROUSEL_MAX_BUBBLES} bubbles`);
  }
  return withCommon({ type: "flex", altText, contents }, options);
}

// ── Flex building blocks

export function flexBubble(blocks: Omit<messagingApi.FlexBubble, "type">): messagingApi.FlexBubble {
  return { type: "bubble", ...blocks };
}

export function flexCarousel(bubbles: messagingApi.FlexBubble[]): messagingApi.FlexCarousel {
  return { type: "carousel", contents: bubbles };
}

export function flexBox(layout: messagingApi.FlexBox["layout"], contents: FlexComponent[], options: Omit<Partial<messagingApi.FlexBox>, "type" | "layout" | "contents"> = {}): messagingApi.FlexBox {
  if (layout === "baseline") {
    // "When the layout property is baseline: icon, text, and filler."
    const misplaced = contents.find((c) => !["icon", "text", "filler"].includes(c.type));
    if (misplaced) throw new LineMessageError(`a baseline box cannot hold a ${misplaced.type}`);
  } else {
    const misplaced = contents.find((c) => !["box", "button", "image", "text", "separator", "filler"].includes(c.type));
    if (misplaced) throw new LineMessageError(`a ${layout} box cannot hold a ${misplaced.type}`);
  }
  return { type: "box", layout, contents, ...options };
}

export function flexText(text: string, options: Omit<Partial<messagingApi.FlexText>, "type" | "text"> = {}): messagingApi.FlexText {
  if (text.length === 0 && !options.contents?.length) throw new LineMessageError("a text component needs text");
  return { type: "text", text, ...options };
}

export function flexButton(action: LineAction, options: Omit<Partial<messagingApi.FlexButton>, "type" | "action"> = {}): messagingApi.FlexButton {
  if (action.label === undefined) throw new LineMessageError("a Flex button's action needs a label");
  checkLabel(action.label, "flexButton");
  return { type: "button", action, ...options };
}

export function flexImage(url: string, options: Omit<Partial<messagingApi.FlexImage>, "type" | "url"> = {}): messagingApi.FlexImage {
  requireHttps("Flex image", url);
  return { type: "image", url, ...options };
}

export function flexSeparator(options: Omit<Partial<messagingApi.FlexSeparator>, "type"> = {}): messagingApi.FlexSeparator {
  return { type: "separator", ...options };
}

/** Checks a batch before sending: 1..5 messages per request. */
export function assertMessageCount(messages: LineMessage[]): LineMessage[] {
  if (messages.length === 0 || messages.length > LINE_MAX_MESSAGES_PER_REQUEST) {
    throw new LineMessageError(`LINE sends 1 to ${LINE_MAX_MESSAGES_PER_REQUEST} messages per request, not ${messages.length}`);
  }
  return messages;
}
