// Message objects as the Messaging API checks them (messaging-api reference "Message objects", stored
// copy 2025-04-16; Message and its subtypes in messaging-api.yml). The same checks run for the send
// endpoints and the /v2/bot/message/validate/* endpoints.
import { checkMediaUrl, validateAction, type ValidationOptions } from "./actions";
import { validateFlexContainer } from "./flex";
import {
  InvalidProperty,
  Issues,
  MAY_NOT_BE_EMPTY,
  isRecord,
  lengthBetween,
  oneOf,
  optionalArray,
  optionalEnum,
  optionalObject,
  optionalString,
  requireInteger,
  requireNumber,
  requireString,
  sizeBetween,
} from "./issues";

/** messaging-api.yml: messages minItems 1, maxItems 5 on every send endpoint. */
export const LINE_MAX_MESSAGES_PER_REQUEST = 5;
/** Text message: "Max character limit: 5000", counted in UTF-16 code units (text-character-count). */
export const LINE_TEXT_MAX_LENGTH = 5000;
/** "Max: 20 LINE emoji". */
export const LINE_TEXT_MAX_EMOJIS = 20;
/** Quick reply items: "Max: 13 objects". */
export const LINE_QUICK_REPLY_MAX_ITEMS = 13;
/** altText of template, flex and imagemap messages: "Max character limit: 400". */
export const LINE_ALT_TEXT_MAX_LENGTH = 400;

// Coupon messages need coupons created in LINE Official Account Manager, which the emulator does not
// simulate; they are rejected rather than accepted blindly.
export const SUPPORTED_MESSAGE_TYPES = ["text", "textV2", "sticker", "image", "video", "audio", "location", "imagemap", "template", "flex"] as const;

/** Checks `body.messages` (1..5 message objects). */
export function validateMessageArray(issues: Issues, body: Record<string, unknown>, options: ValidationOptions): unknown[] {
  const messages = body.messages;
  if (messages === undefined || messages === null) {
    issues.add("messages", MAY_NOT_BE_EMPTY);
    return [];
  }
  if (!Array.isArray(messages)) throw new InvalidProperty("messages");
  if (messages.length < 1 || messages.length > LINE_MAX_MESSAGES_PER_REQUEST) {
    issues.add("messages", sizeBetween(1, LINE_MAX_MESSAGES_PER_REQUEST));
  }
  for (let i = 0; i < messages.length; i++) validateMessage(issues, messages[i], `messages[${i}]`, options);
  return messages;
}

export function validateMessage(issues: Issues, message: unknown, path: string, options: ValidationOptions): void {
  if (!isRecord(message)) throw new InvalidProperty(path);
  const type = message.type;
  if (type === undefined || type === null || type === "") {
    issues.add(`${path}.type`, MAY_NOT_BE_EMPTY);
    return;
  }
  if (typeof type !== "string") throw new InvalidProperty(`${path}.type`);
  switch (type) {
    case "text":
      validateText(issues, message, path);
      break;
    case "textV2":
      validateTextV2(issues, message, path);
      break;
    case "sticker":
      requireIdLike(issues, message, "packageId", path);
      requireIdLike(issues, message, "stickerId", path);
      optionalString(issues, message, "quoteToken", path, 10_000);
      break;
    case "image":
      checkMediaUrl(issues, message, "originalContentUrl", path, options, true);
      checkMediaUrl(issues, message, "previewImageUrl", path, options, true);
      break;
    case "video": {
      checkMediaUrl(issues, message, "originalContentUrl", path, options, true);
      checkMediaUrl(issues, message, "previewImageUrl", path, options, true);
      // trackingId: "Max character limit: 100", alphanumerics and -.=,+*()%$&;:@{}!?<>[]
      const trackingId = optionalString(issues, message, "trackingId", path, 100);
      if (trackingId !== undefined && !/^[A-Za-z0-9\-.=,+*()%$&;:@{}!?<>[\]]*$/.test(trackingId)) issues.add(`${path}.trackingId`, "Invalid characters");
      break;
    }
    case "audio": {
      checkMediaUrl(issues, message, "originalContentUrl", path, options, true);
      const duration = requireNumber(issues, message, "duration", path);
      if (duration !== undefined && duration < 0) issues.add(`${path}.duration`, "Must be greater than or equal to 0");
      break;
    }
    case "location": {
      requireString(issues, message, "title", path, 100);
      requireString(issues, message, "address", path, 100);
      const latitude = requireNumber(issues, message, "latitude", path);
      const longitude = requireNumber(issues, message, "longitude", path);
      if (latitude !== undefined && (latitude < -90 || latitude > 90)) issues.add(`${path}.latitude`, "Must be between -90 and 90");
      if (longitude !== undefined && (longitude < -180 || longitude > 180)) issues.add(`${path}.longitude`, "Must be between -180 and 180");
      break;
    }
    case "imagemap":
      validateImagemap(issues, message, path, options);
      break;
    case "template":
      requireString(issues, message, "altText", path, LINE_ALT_TEXT_MAX_LENGTH);
      validateTemplate(issues, message.template, `${path}.template`, options);
      break;
    case "flex":
      requireString(issues, message, "altText", path, LINE_ALT_TEXT_MAX_LENGTH);
      validateFlexContainer(issues, message.contents, `${path}.contents`, options);
      break;
    default:
      issues.add(`${path}.type`, oneOf(SUPPORTED_MESSAGE_TYPES));
      return;
  }
  validateQuickReply(issues, message, path, options);
  validateSender(issues, message, path, options);
}

function requireIdLike(issues: Issues, owner: Record<string, unknown>, key: string, path: string): void {
  const value = owner[key];
  // Sticker ids are strings in the spec; the platform's JSON binding also accepts numbers for them.
  if (typeof value === "number" && Number.isInteger(value)) return;
  requireString(issues, owner, key, path, 100);
}

function validateText(issues: Issues, message: Record<string, unknown>, path: string): void {
  const text = message.text;
  if (text === undefined || text === null || text === "") {
    issues.add(`${path}.text`, MAY_NOT_BE_EMPTY);
    return;
  }
  if (typeof text !== "string") throw new InvalidProperty(`${path}.text`);
  // UTF-16 code units: String.length is exactly that. A LINE emoji's `$` counts as its alt text,
  // which the emulator cannot know; it counts as one unit here.
  if (text.length > LINE_TEXT_MAX_LENGTH) issues.add(`${path}.text`, lengthBetween(0, LINE_TEXT_MAX_LENGTH));
  const emojis = optionalArray(message, "emojis", path);
  if (emojis) {
    if (emojis.length > LINE_TEXT_MAX_EMOJIS) issues.add(`${path}.emojis`, sizeBetween(0, LINE_TEXT_MAX_EMOJIS));
    emojis.forEach((emoji, i) => {
      const emojiPath = `${path}.emojis[${i}]`;
      if (!isRecord(emoji)) throw new InvalidProperty(emojiPath);
      const index = requireInteger(issues, emoji, "index", emojiPath);
      requireString(issues, emoji, "productId", emojiPath, 100);
      requireString(issues, emoji, "emojiId", emojiPath, 100);
      // "If you specify a position that doesn't match the position of $, the API returns 400."
      if (index !== undefined && text.charAt(index) !== "$") issues.add(`${emojiPath}.index`, "The index doesn't match the position of $ in text");
    });
  }
  optionalString(issues, message, "quoteToken", path, 10_000);
}

function validateTextV2(issues: Issues, message: Record<string, unknown>, path: string): void {
  const text = requireString(issues, message, "text", path, LINE_TEXT_MAX_LENGTH);
  const substitution = optionalObject(message, "substitution", path);
  const keys = substitution ? Object.keys(substitution) : [];
  // "Max number of objects: 100"; keys: [0-9a-zA-Z_], at most 20 characters.
  if (keys.length > 100) issues.add(`${path}.substitution`, sizeBetween(0, 100));
  let mentions = 0;
  let emojis = 0;
  for (const key of keys) {
    const keyPath = `${path}.substitution.${key}`;
    if (!/^[0-9a-zA-Z_]{1,20}$/.test(key)) issues.add(keyPath, "Invalid key. Use 1-20 characters of 0-9a-zA-Z_");
    const entry = substitution![key];
    if (!isRecord(entry)) throw new InvalidProperty(keyPath);
    if (entry.type === "mention") {
      mentions++;
      const mentionee = optionalObject(entry, "mentionee", keyPath);
      if (!mentionee) issues.add(`${keyPath}.mentionee`, MAY_NOT_BE_EMPTY);
      else if (mentionee.type === "user") requireString(issues, mentionee, "userId", `${keyPath}.mentionee`, 100);
      else if (mentionee.type !== "all") issues.add(`${keyPath}.mentionee.type`, oneOf(["user", "all"]));
    } else if (entry.type === "emoji") {
      emojis++;
      requireString(issues, entry, "productId", keyPath, 100);
      requireString(issues, entry, "emojiId", keyPath, 100);
    } else {
      issues.add(`${keyPath}.type`, oneOf(["mention", "emoji"]));
    }
  }
  // "Up to 20 mentions" / "Up to 20 emoji can be substituted in a single message."
  if (mentions > 20) issues.add(`${path}.substitution`, "Up to 20 mentions can be used");
  if (emojis > 20) issues.add(`${path}.substitution`, "Up to 20 emojis can be used");
  if (text !== undefined) {
    // "{ and } must be used in pairs"; "{{" and "}}" are escapes; every {key} needs a substitution.
    const stripped = text.replace(/\{\{|\}\}/g, "");
    const placeholders = [...stripped.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
    const unpaired = stripped.replace(/\{[^{}]*\}/g, "");
    if (/[{}]/.test(unpaired)) issues.add(`${path}.text`, "{ and } must be used in pairs");
    for (const placeholder of placeholders) {
      if (!keys.includes(placeholder)) issues.add(`${path}.text`, `No substitution for {${placeholder}}`);
    }
  }
  optionalString(issues, message, "quoteToken", path, 10_000);
}

function validateQuickReply(issues: Issues, message: Record<string, unknown>, path: string, options: ValidationOptions): void {
  const quickReply = optionalObject(message, "quickReply", path);
  if (!quickReply) return;
  const itemsPath = `${path}.quickReply.items`;
  const items = quickReply.items;
  if (items === undefined || items === null) {
    issues.add(itemsPath, MAY_NOT_BE_EMPTY);
    return;
  }
  if (!Array.isArray(items)) throw new InvalidProperty(itemsPath);
  if (items.length < 1 || items.length > LINE_QUICK_REPLY_MAX_ITEMS) issues.add(itemsPath, sizeBetween(1, LINE_QUICK_REPLY_MAX_ITEMS));
  items.forEach((item, i) => {
    const itemPath = `${itemsPath}[${i}]`;
    if (!isRecord(item)) throw new InvalidProperty(itemPath);
    if (item.type === undefined || item.type === null || item.type === "") issues.add(`${itemPath}.type`, MAY_NOT_BE_EMPTY);
    else if (item.type !== "action") issues.add(`${itemPath}.type`, oneOf(["action"]));
    checkMediaUrl(issues, item, "imageUrl", itemPath, options, false);
    validateAction(issues, item.action, `${itemPath}.action`, "quickReply");
  });
}

function validateSender(issues: Issues, message: Record<string, unknown>, path: string, options: ValidationOptions): void {
  const sender = optionalObject(message, "sender", path);
  if (!sender) return;
  const name = optionalString(issues, sender, "name", `${path}.sender`, 20);
  // "Display name. Certain words such as LINE may not be used."
  if (name !== undefined && /line/i.test(name)) issues.add(`${path}.sender.name`, "Certain words such as LINE may not be used");
  checkMediaUrl(issues, sender, "iconUrl", `${path}.sender`, options, false);
}

function validateImagemap(issues: Issues, message: Record<string, unknown>, path: string, options: ValidationOptions): void {
  checkMediaUrl(issues, message, "baseUrl", path, options, true);
  requireString(issues, message, "altText", path, LINE_ALT_TEXT_MAX_LENGTH);
  const baseSize = optionalObject(message, "baseSize", path);
  if (!baseSize) issues.add(`${path}.baseSize`, MAY_NOT_BE_EMPTY);
  else {
    // "baseSize.width: Width of base image in pixels. Set to 1040."
    const width = requireInteger(issues, baseSize, "width", `${path}.baseSize`);
    if (width !== undefined && width !== 1040) issues.add(`${path}.baseSize.width`, "Must be 1040");
    const height = requireInteger(issues, baseSize, "height", `${path}.baseSize`);
    if (height !== undefined && height < 1) issues.add(`${path}.baseSize.height`, "Must be greater than 0");
  }
  const actions = message.actions;
  if (actions === undefined || actions === null) issues.add(`${path}.actions`, MAY_NOT_BE_EMPTY);
  else if (!Array.isArray(actions)) throw new InvalidProperty(`${path}.actions`);
  else {
    // "actions … Max: 50"
    if (actions.length > 50) issues.add(`${path}.actions`, sizeBetween(0, 50));
    actions.forEach((action, i) => {
      const actionPath = `${path}.actions[${i}]`;
      if (!isRecord(action)) throw new InvalidProperty(actionPath);
      const type = action.type;
      if (type === "uri") requireString(issues, action, "linkUri", actionPath, 1000);
      else if (type === "message") requireString(issues, action, "text", actionPath, 400);
      else if (type === "clipboard") requireString(issues, action, "clipboardText", actionPath, 1000);
      else issues.add(`${actionPath}.type`, oneOf(["uri", "message", "clipboard"]));
      optionalString(issues, action, "label", actionPath, 100);
      validateArea(issues, action.area, `${actionPath}.area`);
    });
  }
  const video = optionalObject(message, "video", path);
  if (video) {
    checkMediaUrl(issues, video, "originalContentUrl", `${path}.video`, options, true);
    checkMediaUrl(issues, video, "previewImageUrl", `${path}.video`, options, true);
    validateArea(issues, video.area, `${path}.video.area`);
    const link = optionalObject(video, "externalLink", `${path}.video`);
    if (link) {
      requireString(issues, link, "linkUri", `${path}.video.externalLink`, 1000);
      requireString(issues, link, "label", `${path}.video.externalLink`, 30);
    }
  }
}

function validateArea(issues: Issues, area: unknown, path: string): void {
  if (area === undefined || area === null) {
    issues.add(path, MAY_NOT_BE_EMPTY);
    return;
  }
  if (!isRecord(area)) throw new InvalidProperty(path);
  for (const key of ["x", "y", "width", "height"]) requireInteger(issues, area, key, path);
}

function validateTemplate(issues: Issues, template: unknown, path: string, options: ValidationOptions): void {
  if (template === undefined || template === null) {
    issues.add(path, MAY_NOT_BE_EMPTY);
    return;
  }
  if (!isRecord(template)) throw new InvalidProperty(path);
  const type = template.type;
  switch (type) {
    case "buttons": {
      checkMediaUrl(issues, template, "thumbnailImageUrl", path, options, false);
      optionalEnum(issues, template, "imageAspectRatio", path, ["rectangle", "square"]);
      optionalEnum(issues, template, "imageSize", path, ["cover", "contain"]);
      const title = optionalString(issues, template, "title", path, 40, "grapheme");
      // text: "Max 160 (no image or title), 60 (message with an image or title)"
      const withHeader = title !== undefined || template.thumbnailImageUrl !== undefined;
      requireString(issues, template, "text", path, withHeader ? 60 : 160, { count: "grapheme" });
      if (template.defaultAction !== undefined) validateAction(issues, template.defaultAction, `${path}.defaultAction`, "template");
      validateActionList(issues, template, path, 1, 4, "template");
      break;
    }
    case "confirm":
      requireString(issues, template, "text", path, 240, { count: "grapheme" });
      validateActionList(issues, template, path, 2, 2, "template");
      break;
    case "carousel": {
      const columns = requireColumns(issues, template, path);
      optionalEnum(issues, template, "imageAspectRatio", path, ["rectangle", "square"]);
      optionalEnum(issues, template, "imageSize", path, ["cover", "contain"]);
      const actionCounts = new Set<number>();
      columns.forEach((column, i) => {
        const columnPath = `${path}.columns[${i}]`;
        if (!isRecord(column)) throw new InvalidProperty(columnPath);
        checkMediaUrl(issues, column, "thumbnailImageUrl", columnPath, options, false);
        const title = optionalString(issues, column, "title", columnPath, 40, "grapheme");
        const withHeader = title !== undefined || column.thumbnailImageUrl !== undefined;
        requireString(issues, column, "text", columnPath, withHeader ? 60 : 120, { count: "grapheme" });
        if (column.defaultAction !== undefined) validateAction(issues, column.defaultAction, `${columnPath}.defaultAction`, "template");
        actionCounts.add(validateActionList(issues, column, columnPath, 1, 3, "template"));
      });
      // Carousel columns must all have the same number of actions.
      if (actionCounts.size > 1) issues.add(`${path}.columns`, "All columns must have the same number of actions");
      break;
    }
    case "image_carousel": {
      const columns = requireColumns(issues, template, path);
      columns.forEach((column, i) => {
        const columnPath = `${path}.columns[${i}]`;
        if (!isRecord(column)) throw new InvalidProperty(columnPath);
        checkMediaUrl(issues, column, "imageUrl", columnPath, options, true);
        validateAction(issues, column.action, `${columnPath}.action`, "imageCarousel");
      });
      break;
    }
    default:
      if (type === undefined || type === null || type === "") issues.add(`${path}.type`, MAY_NOT_BE_EMPTY);
      else issues.add(`${path}.type`, oneOf(["buttons", "confirm", "carousel", "image_carousel"]));
  }
}

/** "columns … Max columns: 10". */
function requireColumns(issues: Issues, template: Record<string, unknown>, path: string): unknown[] {
  const columns = template.columns;
  if (columns === undefined || columns === null) {
    issues.add(`${path}.columns`, MAY_NOT_BE_EMPTY);
    return [];
  }
  if (!Array.isArray(columns)) throw new InvalidProperty(`${path}.columns`);
  if (columns.length < 1 || columns.length > 10) issues.add(`${path}.columns`, sizeBetween(1, 10));
  return columns;
}

function validateActionList(issues: Issues, owner: Record<string, unknown>, path: string, min: number, max: number, context: "template"): number {
  const actions = owner.actions;
  if (actions === undefined || actions === null) {
    issues.add(`${path}.actions`, MAY_NOT_BE_EMPTY);
    return 0;
  }
  if (!Array.isArray(actions)) throw new InvalidProperty(`${path}.actions`);
  if (actions.length < min || actions.length > max) issues.add(`${path}.actions`, sizeBetween(min, max));
  actions.forEach((action, i) => validateAction(issues, action, `${path}.actions[${i}]`, context));
  return actions.length;
}
