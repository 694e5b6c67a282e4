// Action objects (messaging-api reference "Action objects", stored copy 2025-04-16) and the URL rules
// shared by every message type.
import {
  INVALID_URI,
  InvalidProperty,
  Issues,
  MAY_NOT_BE_EMPTY,
  graphemeLength,
  isRecord,
  lengthBetween,
  oneOf,
  optionalEnum,
  optionalObject,
  optionalString,
  requireString,
} from "./issues";

export type ValidationOptions = {
  /** Accept http://localhost media URLs (development); LINE itself requires https. */
  allowLocalhostHttp: boolean;
};

/** Where an action sits decides which types are allowed and how its label is checked. */
export type ActionContext = "quickReply" | "template" | "imageCarousel" | "richMenu" | "flexButton" | "flexOther";

// "Specifications of the label": required?, max grapheme clusters.
const LABEL_RULES: Record<ActionContext, { required: boolean; max: number }> = {
  template: { required: true, max: 20 },
  imageCarousel: { required: false, max: 12 },
  richMenu: { required: false, max: 20 },
  quickReply: { required: true, max: 20 },
  flexButton: { required: true, max: 40 },
  flexOther: { required: false, max: 40 },
};

// Camera, camera roll and location actions "can be configured only with quick reply buttons";
// the rich menu switch action only in rich menus.
const ACTION_TYPES: Record<ActionContext, readonly string[]> = {
  quickReply: ["postback", "message", "uri", "datetimepicker", "camera", "cameraRoll", "location", "clipboard"],
  template: ["postback", "message", "uri", "datetimepicker", "clipboard"],
  imageCarousel: ["postback", "message", "uri", "datetimepicker", "clipboard"],
  richMenu: ["postback", "message", "uri", "datetimepicker", "richmenuswitch", "clipboard"],
  flexButton: ["postback", "message", "uri", "datetimepicker", "clipboard"],
  flexOther: ["postback", "message", "uri", "datetimepicker", "clipboard"],
};

/** URI action: "The available schemes are http, https, line, and tel"; max 1000 characters. */
const URI_ACTION_SCHEMES = ["http:", "https:", "line:", "tel:"];

export function checkActionUri(issues: Issues, value: string, property: string): void {
  if (value.length > 1000) {
    issues.add(property, lengthBetween(0, 1000));
    return;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    issues.add(property, INVALID_URI);
    return;
  }
  if (!URI_ACTION_SCHEMES.includes(url.protocol)) issues.add(property, INVALID_URI);
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Image, video, audio and icon URLs: "Protocol: HTTPS (TLS 1.2 or later)", max 2000 characters. */
export function checkMediaUrl(
  issues: Issues,
  owner: Record<string, unknown>,
  key: string,
  path: string,
  options: ValidationOptions,
  required: boolean,
  max = 2000,
): void {
  const value = owner[key];
  const property = `${path}.${key}`;
  if (value === undefined || value === null || value === "") {
    if (required) issues.add(property, MAY_NOT_BE_EMPTY);
    return;
  }
  if (typeof value !== "string") throw new InvalidProperty(property);
  if (value.length > max) {
    issues.add(property, lengthBetween(0, max));
    return;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    issues.add(property, INVALID_URI);
    return;
  }
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && options.allowLocalhostHttp && LOCAL_HOSTS.has(url.hostname)) return;
  issues.add(property, `${INVALID_URI} (LINE requires https)`);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt]([01]\d|2[0-3]):([0-5]\d)$/;

/** Datetime picker formats: full-date 1900-01-01..2100-12-31, HH:mm, or both joined by T/t. */
function datetimeValue(mode: string, value: string): string | undefined {
  const re = mode === "date" ? DATE_RE : mode === "time" ? TIME_RE : DATETIME_RE;
  if (!re.test(value)) return undefined;
  if (mode !== "time") {
    const year = Number(value.slice(0, 4));
    if (year < 1900 || year > 2100) return undefined;
  }
  return value.toUpperCase();
}

export function validateAction(issues: Issues, value: unknown, path: string, context: ActionContext): void {
  if (value === undefined || value === null) {
    issues.add(path, MAY_NOT_BE_EMPTY);
    return;
  }
  if (!isRecord(value)) throw new InvalidProperty(path);
  const type = value.type;
  if (type === undefined || type === null || type === "") {
    issues.add(`${path}.type`, MAY_NOT_BE_EMPTY);
    return;
  }
  if (typeof type !== "string") throw new InvalidProperty(`${path}.type`);
  const allowed = ACTION_TYPES[context];
  if (!allowed.includes(type)) {
    issues.add(`${path}.type`, oneOf(allowed));
    return;
  }

  const rule = type === "camera" || type === "cameraRoll" || type === "location" ? { required: true, max: 20 } : LABEL_RULES[context];
  if (rule.required) requireString(issues, value, "label", path, rule.max, { count: "grapheme" });
  else optionalString(issues, value, "label", path, rule.max, "grapheme");

  switch (type) {
    case "postback": {
      if (value.data === undefined || value.data === null) issues.add(`${path}.data`, MAY_NOT_BE_EMPTY);
      else optionalString(issues, value, "data", path, 300);
      const displayText = optionalString(issues, value, "displayText", path, 300, "grapheme");
      const text = optionalString(issues, value, "text", path, 300, "grapheme");
      // "The displayText and text properties can't both be used at the same time."
      if (displayText !== undefined && text !== undefined) issues.add(`${path}.displayText`, "displayText and text cannot be used together");
      optionalEnum(issues, value, "inputOption", path, ["closeRichMenu", "openRichMenu", "openKeyboard", "openVoice"]);
      optionalString(issues, value, "fillInText", path, 300, "grapheme");
      break;
    }
    case "message":
      requireString(issues, value, "text", path, 300, { count: "grapheme" });
      break;
    case "uri": {
      const uri = requireString(issues, value, "uri", path, 1000);
      if (uri !== undefined && uri.length <= 1000) checkActionUri(issues, uri, `${path}.uri`);
      const altUri = optionalObject(value, "altUri", path);
      if (altUri) {
        const desktop = optionalString(issues, altUri, "desktop", `${path}.altUri`, 1000);
        if (desktop !== undefined && desktop.length <= 1000) checkActionUri(issues, desktop, `${path}.altUri.desktop`);
      }
      break;
    }
    case "datetimepicker": {
      if (value.data === undefined || value.data === null) issues.add(`${path}.data`, MAY_NOT_BE_EMPTY);
      else optionalString(issues, value, "data", path, 300);
      const mode = value.mode;
      if (mode === undefined || mode === null || mode === "") {
        issues.add(`${path}.mode`, MAY_NOT_BE_EMPTY);
        break;
      }
      if (typeof mode !== "string") throw new InvalidProperty(`${path}.mode`);
      if (!["date", "time", "datetime"].includes(mode)) {
        issues.add(`${path}.mode`, oneOf(["date", "time", "datetime"]));
        break;
      }
      const parsed: Record<string, string | undefined> = {};
      for (const key of ["initial", "max", "min"] as const) {
        const raw = optionalString(issues, value, key, path, 100);
        if (raw === undefined) continue;
        parsed[key] = datetimeValue(mode, raw);
        if (parsed[key] === undefined) issues.add(`${path}.${key}`, `invalid ${mode} format`);
      }
      // "max: Must be greater than the min value."
      if (parsed.max !== undefined && parsed.min !== undefined && parsed.max <= parsed.min) issues.add(`${path}.max`, "max must be greater than min");
      break;
    }
    case "richmenuswitch":
      requireString(issues, value, "richMenuAliasId", path, 32);
      if (value.data === undefined || value.data === null) issues.add(`${path}.data`, MAY_NOT_BE_EMPTY);
      else optionalString(issues, value, "data", path, 300);
      break;
    case "clipboard": {
      const text = requireString(issues, value, "clipboardText", path, 1000);
      if (text !== undefined && text.length === 0) issues.add(`${path}.clipboardText`, lengthBetween(1, 1000));
      break;
    }
    default:
      // camera, cameraRoll, location: a label only.
      break;
  }
}

export { graphemeLength };
