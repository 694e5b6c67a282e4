// Flex Message structure (messaging-api reference "Flex Message", stored copy 2025-04-16; FlexBubble,
// FlexBox, … in messaging-api.yml). Checked the way the platform rejects them: container and component
// types, which components a box layout may hold, required properties, enums, keyword-or-pixel values,
// colors, and the size limits of bubbles and carousels.
import { validateAction, checkMediaUrl, type ValidationOptions } from "./actions";
import {
  InvalidProperty,
  Issues,
  MAY_NOT_BE_EMPTY,
  isRecord,
  oneOf,
  optionalArray,
  optionalBoolean,
  optionalEnum,
  optionalObject,
  sizeBetween,
} from "./issues";

/** "The maximum size of JSON data that defines a bubble is 30 KB" / "a carousel is 50 KB". */
export const FLEX_BUBBLE_MAX_BYTES = 30 * 1024;
export const FLEX_CAROUSEL_MAX_BYTES = 50 * 1024;
/** "Bubbles within a carousel. Max: 12 bubbles". */
export const FLEX_CAROUSEL_MAX_BUBBLES = 12;

const BUBBLE_SIZES = ["nano", "micro", "deca", "hecto", "kilo", "mega", "giga"];
const SPACING = ["none", "xs", "sm", "md", "lg", "xl", "xxl"];
const FONT_SIZES = ["xxs", "xs", "sm", "md", "lg", "xl", "xxl", "3xl", "4xl", "5xl"];
const IMAGE_SIZES = [...FONT_SIZES, "full"];
const BORDER_WIDTHS = ["none", "light", "normal", "medium", "semi-bold", "bold"];
const LAYOUTS = ["horizontal", "vertical", "baseline"];
// "When the layout property is horizontal or vertical: box, button, image, text, separator, and filler.
//  When the layout property is baseline: icon, text, and filler." Video only as a hero (FlexVideo).
const CHILDREN: Record<string, readonly string[]> = {
  horizontal: ["box", "button", "image", "text", "separator", "filler"],
  vertical: ["box", "button", "image", "text", "separator", "filler"],
  baseline: ["icon", "text", "filler"],
};
const COMPONENT_TYPES = ["box", "button", "image", "video", "icon", "text", "span", "separator", "filler"];

const PX = /^\d+(\.\d+)?px$/;
const PERCENT = /^\d+(\.\d+)?%$/;
const COLOR = /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const ANGLE = /^\d+(\.\d+)?deg$/;
const ASPECT_RATIO = /^(\d+):(\d+)$/;

type ValueKind = "keyword" | "px" | "percent";

function checkValue(issues: Issues, owner: Record<string, unknown>, key: string, path: string, keywords: readonly string[], kinds: ValueKind[]): void {
  const value = owner[key];
  if (value === undefined || value === null) return;
  const property = `${path}.${key}`;
  if (typeof value !== "string") throw new InvalidProperty(property);
  if (kinds.includes("keyword") && keywords.includes(value)) return;
  if (kinds.includes("px") && PX.test(value)) return;
  if (kinds.includes("percent") && PERCENT.test(value)) return;
  const forms = [...(kinds.includes("keyword") ? [oneOf(keywords)] : []), ...(kinds.includes("px") ? ["a value in pixels (e.g. 10px)"] : []), ...(kinds.includes("percent") ? ["a percentage (e.g. 50%)"] : [])];
  issues.add(property, `Invalid value. ${forms.join(" or ")}`);
}

function checkColor(issues: Issues, owner: Record<string, unknown>, key: string, path: string): void {
  const value = owner[key];
  if (value === undefined || value === null) return;
  if (typeof value !== "string") throw new InvalidProperty(`${path}.${key}`);
  if (!COLOR.test(value)) issues.add(`${path}.${key}`, "Invalid color. Use #RRGGBB or #RRGGBBAA");
}

function checkFlex(owner: Record<string, unknown>, path: string, issues: Issues): void {
  const value = owner.flex;
  if (value === undefined || value === null) return;
  if (typeof value !== "number" || !Number.isInteger(value)) throw new InvalidProperty(`${path}.flex`);
  if (value < 0) issues.add(`${path}.flex`, "Must be greater than or equal to 0");
}

function checkPosition(issues: Issues, component: Record<string, unknown>, path: string): void {
  optionalEnum(issues, component, "position", path, ["relative", "absolute"]);
  for (const key of ["offsetTop", "offsetBottom", "offsetStart", "offsetEnd"]) checkValue(issues, component, key, path, SPACING, ["keyword", "px", "percent"]);
}

function checkAspectRatio(issues: Issues, owner: Record<string, unknown>, path: string): void {
  const value = owner.aspectRatio;
  if (value === undefined || value === null) return;
  if (typeof value !== "string") throw new InvalidProperty(`${path}.aspectRatio`);
  const match = ASPECT_RATIO.exec(value);
  // "{width} and {height} in the range from 1 to 100000 … you cannot set {height} to a value that is
  //  more than three times the value of {width}."
  const width = match ? Number(match[1]) : 0;
  const height = match ? Number(match[2]) : 0;
  if (!match || width < 1 || width > 100000 || height < 1 || height > 100000 || height > width * 3) {
    issues.add(`${path}.aspectRatio`, "Invalid aspect ratio. Use {width}:{height} (1-100000, height at most three times width)");
  }
}

export function validateFlexContainer(issues: Issues, value: unknown, path: string, options: ValidationOptions): void {
  if (value === undefined || value === null) {
    issues.add(path, MAY_NOT_BE_EMPTY);
    return;
  }
  if (!isRecord(value)) throw new InvalidProperty(path);
  const type = value.type;
  if (type !== "bubble" && type !== "carousel") {
    if (type === undefined || type === null || type === "") issues.add(`${path}.type`, MAY_NOT_BE_EMPTY);
    else if (typeof type !== "string") throw new InvalidProperty(`${path}.type`);
    else issues.add(`${path}.type`, oneOf(["bubble", "carousel"]));
    return;
  }
  const bytes = Buffer.byteLength(JSON.stringify(value));
  if (type === "bubble") {
    if (bytes > FLEX_BUBBLE_MAX_BYTES) issues.add(path, `The JSON of a bubble must be at most 30 KB (${bytes} bytes)`);
    validateBubble(issues, value, path, options);
    return;
  }
  if (bytes > FLEX_CAROUSEL_MAX_BYTES) issues.add(path, `The JSON of a carousel must be at most 50 KB (${bytes} bytes)`);
  const contents = value.contents;
  if (contents === undefined || contents === null) {
    issues.add(`${path}.contents`, MAY_NOT_BE_EMPTY);
    return;
  }
  if (!Array.isArray(contents)) throw new InvalidProperty(`${path}.contents`);
  if (contents.length < 1 || contents.length > FLEX_CAROUSEL_MAX_BUBBLES) issues.add(`${path}.contents`, sizeBetween(1, FLEX_CAROUSEL_MAX_BUBBLES));
  const sizes = new Set<string>();
  contents.forEach((bubble, i) => {
    const bubblePath = `${path}.contents[${i}]`;
    if (!isRecord(bubble)) throw new InvalidProperty(bubblePath);
    if (bubble.type !== "bubble") {
      issues.add(`${bubblePath}.type`, oneOf(["bubble"]));
      return;
    }
    sizes.add(typeof bubble.size === "string" ? bubble.size : "mega");
    validateBubble(issues, bubble, bubblePath, options);
  });
  // "A carousel can't contain bubbles of different widths (size property)."
  if (sizes.size > 1) issues.add(`${path}.contents`, "All bubbles in a carousel must have the same size");
}

function validateBubble(issues: Issues, bubble: Record<string, unknown>, path: string, options: ValidationOptions): void {
  optionalEnum(issues, bubble, "size", path, BUBBLE_SIZES);
  optionalEnum(issues, bubble, "direction", path, ["ltr", "rtl"]);
  for (const block of ["header", "body", "footer"] as const) {
    const box = optionalObject(bubble, block, path);
    if (!box) continue;
    if (box.type !== "box") {
      issues.add(`${path}.${block}.type`, oneOf(["box"]));
      continue;
    }
    validateComponent(issues, box, `${path}.${block}`, undefined, options);
  }
  const hero = optionalObject(bubble, "hero", path);
  if (hero) {
    const heroType = hero.type;
    if (heroType === "box" || heroType === "image") validateComponent(issues, hero, `${path}.hero`, undefined, options);
    else if (heroType === "video") validateVideo(issues, hero, `${path}.hero`, options);
    else issues.add(`${path}.hero.type`, oneOf(["box", "image", "video"]));
  }
  const styles = optionalObject(bubble, "styles", path);
  if (styles) {
    for (const block of ["header", "hero", "body", "footer"]) {
      const style = optionalObject(styles, block, `${path}.styles`);
      if (!style) continue;
      checkColor(issues, style, "backgroundColor", `${path}.styles.${block}`);
      checkColor(issues, style, "separatorColor", `${path}.styles.${block}`);
      optionalBoolean(style, "separator", `${path}.styles.${block}`);
    }
  }
  if (bubble.action !== undefined) validateAction(issues, bubble.action, `${path}.action`, "flexOther");
}

function validateVideo(issues: Issues, video: Record<string, unknown>, path: string, options: ValidationOptions): void {
  checkMediaUrl(issues, video, "url", path, options, true);
  checkMediaUrl(issues, video, "previewUrl", path, options, true);
  const alt = optionalObject(video, "altContent", path);
  if (!alt) issues.add(`${path}.altContent`, MAY_NOT_BE_EMPTY);
  else if (alt.type === "box" || alt.type === "image") validateComponent(issues, alt, `${path}.altContent`, undefined, options);
  else issues.add(`${path}.altContent.type`, oneOf(["box", "image"]));
  checkAspectRatio(issues, video, path);
  if (video.action !== undefined) validateAction(issues, video.action, `${path}.action`, "flexOther");
}

/** One component. `parentLayout` is undefined for a block root (header/hero/body/footer). */
function validateComponent(issues: Issues, component: Record<string, unknown>, path: string, parentLayout: string | undefined, options: ValidationOptions): void {
  const type = component.type;
  if (type === undefined || type === null || type === "") {
    issues.add(`${path}.type`, MAY_NOT_BE_EMPTY);
    return;
  }
  if (typeof type !== "string") throw new InvalidProperty(`${path}.type`);
  if (!COMPONENT_TYPES.includes(type)) {
    issues.add(`${path}.type`, oneOf(COMPONENT_TYPES));
    return;
  }
  if (parentLayout !== undefined && !CHILDREN[parentLayout]!.includes(type)) {
    issues.add(`${path}.type`, `A ${parentLayout} box can't contain a ${type} component. ${oneOf(CHILDREN[parentLayout]!)}`);
    return;
  }
  switch (type) {
    case "box":
      validateBox(issues, component, path, options);
      break;
    case "button":
      validateAction(issues, component.action, `${path}.action`, "flexButton");
      checkFlex(component, path, issues);
      checkValue(issues, component, "margin", path, SPACING, ["keyword", "px"]);
      checkPosition(issues, component, path);
      optionalEnum(issues, component, "height", path, ["sm", "md"]);
      optionalEnum(issues, component, "style", path, ["primary", "secondary", "link"]);
      checkColor(issues, component, "color", path);
      optionalEnum(issues, component, "gravity", path, ["top", "bottom", "center"]);
      optionalEnum(issues, component, "adjustMode", path, ["shrink-to-fit"]);
      optionalBoolean(component, "scaling", path);
      break;
    case "image":
      checkMediaUrl(issues, component, "url", path, options, true);
      checkFlex(component, path, issues);
      checkValue(issues, component, "margin", path, SPACING, ["keyword", "px"]);
      checkPosition(issues, component, path);
      optionalEnum(issues, component, "align", path, ["start", "end", "center"]);
      optionalEnum(issues, component, "gravity", path, ["top", "bottom", "center"]);
      checkValue(issues, component, "size", path, IMAGE_SIZES, ["keyword", "px", "percent"]);
      checkAspectRatio(issues, component, path);
      optionalEnum(issues, component, "aspectMode", path, ["fit", "cover"]);
      checkColor(issues, component, "backgroundColor", path);
      optionalBoolean(component, "animated", path);
      if (component.action !== undefined) validateAction(issues, component.action, `${path}.action`, "flexOther");
      break;
    case "video":
      // Only a bubble's hero may be a video (FlexVideo; "Video … hero block").
      issues.add(`${path}.type`, "A video component can only be used as the hero of a bubble");
      break;
    case "icon":
      checkMediaUrl(issues, component, "url", path, options, true);
      checkValue(issues, component, "size", path, FONT_SIZES, ["keyword", "px", "percent"]);
      checkAspectRatio(issues, component, path);
      checkValue(issues, component, "margin", path, SPACING, ["keyword", "px"]);
      checkPosition(issues, component, path);
      optionalBoolean(component, "scaling", path);
      break;
    case "text":
      validateText(issues, component, path);
      break;
    case "span":
      issues.add(`${path}.type`, "A span can only be used in the contents of a text component");
      break;
    case "separator":
      checkValue(issues, component, "margin", path, SPACING, ["keyword", "px"]);
      checkColor(issues, component, "color", path);
      break;
    case "filler":
      checkFlex(component, path, issues);
      break;
  }
}

function validateBox(issues: Issues, box: Record<string, unknown>, path: string, options: ValidationOptions): void {
  const layout = box.layout;
  let validLayout: string | undefined;
  if (layout === undefined || layout === null || layout === "") issues.add(`${path}.layout`, MAY_NOT_BE_EMPTY);
  else if (typeof layout !== "string") throw new InvalidProperty(`${path}.layout`);
  else if (!LAYOUTS.includes(layout)) issues.add(`${path}.layout`, oneOf(LAYOUTS));
  else validLayout = layout;

  const contents = box.contents;
  // "Components in this box … You may also specify an empty array."
  if (contents === undefined || contents === null) issues.add(`${path}.contents`, MAY_NOT_BE_EMPTY);
  else if (!Array.isArray(contents)) throw new InvalidProperty(`${path}.contents`);
  else if (validLayout) {
    contents.forEach((child, i) => {
      const childPath = `${path}.contents[${i}]`;
      if (!isRecord(child)) throw new InvalidProperty(childPath);
      validateComponent(issues, child, childPath, validLayout, options);
    });
  }
  checkFlex(box, path, issues);
  checkValue(issues, box, "spacing", path, SPACING, ["keyword", "px"]);
  checkValue(issues, box, "margin", path, SPACING, ["keyword", "px"]);
  checkPosition(issues, box, path);
  checkColor(issues, box, "backgroundColor", path);
  checkColor(issues, box, "borderColor", path);
  checkValue(issues, box, "borderWidth", path, BORDER_WIDTHS, ["keyword", "px"]);
  checkValue(issues, box, "cornerRadius", path, SPACING, ["keyword", "px"]);
  for (const key of ["width", "maxWidth", "height", "maxHeight"]) checkValue(issues, box, key, path, [], ["px", "percent"]);
  for (const key of ["paddingAll", "paddingTop", "paddingBottom", "paddingStart", "paddingEnd"]) checkValue(issues, box, key, path, SPACING, ["keyword", "px", "percent"]);
  optionalEnum(issues, box, "justifyContent", path, ["center", "flex-start", "flex-end", "space-between", "space-around", "space-evenly"]);
  optionalEnum(issues, box, "alignItems", path, ["center", "flex-start", "flex-end"]);
  if (box.action !== undefined) validateAction(issues, box.action, `${path}.action`, "flexOther");
  const background = optionalObject(box, "background", path);
  if (background) {
    const bgPath = `${path}.background`;
    if (background.type !== "linearGradient") issues.add(`${bgPath}.type`, oneOf(["linearGradient"]));
    else {
      // angle, startColor and endColor: "This is required when background.type is linearGradient."
      const angle = background.angle;
      if (angle === undefined || angle === null) issues.add(`${bgPath}.angle`, MAY_NOT_BE_EMPTY);
      else if (typeof angle !== "string") throw new InvalidProperty(`${bgPath}.angle`);
      else if (!ANGLE.test(angle) || Number.parseFloat(angle) >= 360) issues.add(`${bgPath}.angle`, "Invalid angle. Use e.g. 90deg, in [0, 360)");
      for (const key of ["startColor", "endColor"]) {
        if (background[key] === undefined || background[key] === null) issues.add(`${bgPath}.${key}`, MAY_NOT_BE_EMPTY);
        else checkColor(issues, background, key, bgPath);
      }
      checkColor(issues, background, "centerColor", bgPath);
      checkValue(issues, background, "centerPosition", bgPath, [], ["percent"]);
    }
  }
}

function validateText(issues: Issues, text: Record<string, unknown>, path: string): void {
  const spans = optionalArray(text, "contents", path);
  const value = text.text;
  if (value !== undefined && value !== null && typeof value !== "string") throw new InvalidProperty(`${path}.text`);
  // "Be sure to set either one of the text property or contents property."
  if ((spans === undefined || spans.length === 0) && (value === undefined || value === null || value === "")) {
    issues.add(`${path}.text`, MAY_NOT_BE_EMPTY);
  }
  spans?.forEach((span, i) => {
    const spanPath = `${path}.contents[${i}]`;
    if (!isRecord(span)) throw new InvalidProperty(spanPath);
    if (span.type !== "span") {
      issues.add(`${spanPath}.type`, oneOf(["span"]));
      return;
    }
    if (span.text !== undefined && typeof span.text !== "string") throw new InvalidProperty(`${spanPath}.text`);
    checkValue(issues, span, "size", spanPath, FONT_SIZES, ["keyword", "px"]);
    checkColor(issues, span, "color", spanPath);
    optionalEnum(issues, span, "weight", spanPath, ["regular", "bold"]);
    optionalEnum(issues, span, "style", spanPath, ["normal", "italic"]);
    optionalEnum(issues, span, "decoration", spanPath, ["none", "underline", "line-through"]);
  });
  checkFlex(text, path, issues);
  checkValue(issues, text, "size", path, FONT_SIZES, ["keyword", "px"]);
  optionalEnum(issues, text, "align", path, ["start", "end", "center"]);
  optionalEnum(issues, text, "gravity", path, ["top", "bottom", "center"]);
  checkColor(issues, text, "color", path);
  optionalEnum(issues, text, "weight", path, ["regular", "bold"]);
  optionalEnum(issues, text, "style", path, ["normal", "italic"]);
  optionalEnum(issues, text, "decoration", path, ["none", "underline", "line-through"]);
  optionalBoolean(text, "wrap", path);
  checkValue(issues, text, "lineSpacing", path, [], ["px"]);
  checkValue(issues, text, "margin", path, SPACING, ["keyword", "px"]);
  checkPosition(issues, text, path);
  const maxLines = text.maxLines;
  if (maxLines !== undefined && maxLines !== null) {
    if (typeof maxLines !== "number" || !Number.isInteger(maxLines)) throw new InvalidProperty(`${path}.maxLines`);
    if (maxLines < 0) issues.add(`${path}.maxLines`, "Must be greater than or equal to 0");
  }
  optionalEnum(issues, text, "adjustMode", path, ["shrink-to-fit"]);
  optionalBoolean(text, "scaling", path);
  if (text.action !== undefined) validateAction(issues, text.action, `${path}.action`, "flexOther");
}
