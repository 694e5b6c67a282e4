// Renders LINE message objects as the LINE app shows them — close enough for staff to judge layout:
// text (with LINE emoji placeholders), images, video, audio, location, stickers (placeholder),
// imagemaps, templates and Flex bubbles/carousels (box layouts, text, image, icon, button, separator,
// filler, spacer, video hero; sizes, colors, margins, paddings, offsets roughly as in LINE).
// Plain DOM; no framework. Every tappable thing is a <button> or a link, so keyboards work.

/** @typedef {(action: any, origin?: string) => void} ActionHandler */

const SPACING = { none: "0", xs: "2px", sm: "4px", md: "8px", lg: "12px", xl: "16px", xxl: "20px" };
const FONT = { xxs: "11px", xs: "13px", sm: "14px", md: "16px", lg: "19px", xl: "22px", xxl: "29px", "3xl": "35px", "4xl": "48px", "5xl": "74px" };
const IMAGE_WIDTH = { xxs: "40px", xs: "60px", sm: "80px", md: "100px", lg: "120px", xl: "140px", xxl: "160px", "3xl": "180px", "4xl": "200px", "5xl": "240px", full: "100%" };
const ICON = { xxs: "10px", xs: "12px", sm: "14px", md: "16px", lg: "19px", xl: "22px", xxl: "29px", "3xl": "35px", "4xl": "48px", "5xl": "74px" };
const RADIUS = { none: "0", xs: "2px", sm: "4px", md: "8px", lg: "12px", xl: "16px", xxl: "20px" };
const BORDER = { none: "0", light: "0.5px", normal: "1px", medium: "2px", "semi-bold": "3px", bold: "4px" };
const BUBBLE_WIDTH = { nano: "120px", micro: "160px", deca: "220px", hecto: "241px", kilo: "260px", mega: "300px", giga: "500px" };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function px(value, table) {
  if (value === undefined || value === null) return undefined;
  return table && table[value] !== undefined ? table[value] : value;
}

function actionLabel(action) {
  if (!action) return "";
  return action.label || action.displayText || action.text || action.data || action.uri || action.type;
}

/** Makes any element act on tap and on Enter/Space. */
function tappable(node, action, onAction, origin) {
  if (!action) return node;
  node.classList.add("tappable");
  node.tabIndex = 0;
  node.setAttribute("role", "button");
  node.setAttribute("aria-label", actionLabel(action));
  const fire = (event) => {
    event.stopPropagation();
    onAction(action, origin);
  };
  node.addEventListener("click", fire);
  node.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      fire(event);
    }
  });
  return node;
}

function image(src, alt) {
  const img = el("img");
  img.src = src;
  img.alt = alt || "";
  img.loading = "lazy";
  img.referrerPolicy = "no-referrer";
  img.addEventListener("error", () => {
    img.classList.add("broken");
    // Decorative images (alt "") stay silent; others say why nothing shows (e.g. no internet).
    if (alt) img.alt = `${alt}（画像を読み込めません）`;
  });
  return img;
}

// ── plain messages

function renderText(message) {
  const node = el("div", "bubble text");
  const text = message.text || "";
  const emojiAt = new Set((message.emojis || []).map((e) => e.index));
  let buffer = "";
  const flush = () => {
    if (!buffer) return;
    linkify(node, buffer);
    buffer = "";
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "$" && emojiAt.has(i)) {
      flush();
      const emoji = el("span", "line-emoji", "☺");
      emoji.title = "LINE絵文字";
      node.append(emoji);
    } else buffer += text[i];
  }
  flush();
  return node;
}

function renderTextV2(message) {
  const node = el("div", "bubble text");
  const substitution = message.substitution || {};
  const text = (message.text || "").replace(/\{\{/g, "\u0001").replace(/\}\}/g, "\u0002");
  const parts = text.split(/(\{[^{}]*\})/);
  for (const part of parts) {
    const match = /^\{([^{}]*)\}$/.exec(part);
    if (match && substitution[match[1]]) {
      const sub = substitution[match[1]];
      node.append(sub.type === "emoji" ? el("span", "line-emoji", "☺") : el("span", "mention", sub.mentionee?.type === "all" ? "@All" : "@ユーザー"));
    } else linkify(node, part.replace(/\u0001/g, "{").replace(/\u0002/g, "}"));
  }
  return node;
}

/** Text with clickable URLs (LIFF URLs open the app's LIFF page). */
function linkify(node, text) {
  const pattern = /(https?:\/\/[^\s]+|line:\/\/[^\s]+)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    node.append(document.createTextNode(text.slice(last, match.index)));
    const link = el("a", "link", match[0]);
    link.href = match[0];
    link.dataset.uri = match[0];
    node.append(link);
    last = match.index + match[0].length;
  }
  node.append(document.createTextNode(text.slice(last)));
}

function renderSticker(message) {
  const node = el("div", "sticker");
  node.setAttribute("role", "img");
  node.setAttribute("aria-label", `スタンプ（パッケージ ${message.packageId}、スタンプ ${message.stickerId}）`);
  node.append(el("span", "sticker-face", "🐻"), el("small", "", `${message.packageId}/${message.stickerId}`));
  return node;
}

function renderLocation(message) {
  const node = el("div", "bubble location");
  node.append(el("div", "location-map", "📍"), el("strong", "", message.title || "位置情報"), el("div", "muted", message.address || ""));
  node.append(el("div", "muted small", `${Number(message.latitude).toFixed(5)}, ${Number(message.longitude).toFixed(5)}`));
  return node;
}

function renderImagemap(message, onAction) {
  const node = el("div", "imagemap");
  node.style.aspectRatio = `${message.baseSize?.width || 1040} / ${message.baseSize?.height || 1040}`;
  node.append(image(`${message.baseUrl}/1040`, message.altText));
  for (const action of message.actions || []) {
    const area = el("div", "imagemap-area");
    const w = message.baseSize?.width || 1040;
    const h = message.baseSize?.height || 1040;
    Object.assign(area.style, {
      left: `${(action.area.x / w) * 100}%`,
      top: `${(action.area.y / h) * 100}%`,
      width: `${(action.area.width / w) * 100}%`,
      height: `${(action.area.height / h) * 100}%`,
    });
    const converted = action.type === "uri" ? { type: "uri", uri: action.linkUri, label: action.label } : action.type === "message" ? { type: "message", text: action.text, label: action.label } : { type: "clipboard", clipboardText: action.clipboardText, label: action.label };
    node.append(tappable(area, converted, onAction, "imagemap"));
  }
  return node;
}

function actionButton(action, onAction, className = "template-action") {
  const button = el("button", className, actionLabel(action));
  button.type = "button";
  button.addEventListener("click", () => onAction(action, "template"));
  return button;
}

function renderTemplate(message, onAction) {
  const t = message.template || {};
  if (t.type === "confirm") {
    const node = el("div", "bubble template confirm");
    node.append(el("div", "template-text", t.text));
    const row = el("div", "confirm-actions");
    for (const action of t.actions || []) row.append(actionButton(action, onAction));
    node.append(row);
    return node;
  }
  const column = (c, withTitle) => {
    const card = el("div", "template-card");
    if (c.thumbnailImageUrl) {
      const thumb = image(c.thumbnailImageUrl, c.title || "");
      thumb.className = `template-thumb ${t.imageAspectRatio === "square" ? "square" : ""} ${t.imageSize === "contain" ? "contain" : ""}`;
      if (c.imageBackgroundColor) thumb.style.background = c.imageBackgroundColor;
      card.append(c.defaultAction ? tappable(thumb, c.defaultAction, onAction) : thumb);
    }
    if (withTitle && c.title) card.append(el("div", "template-title", c.title));
    card.append(el("div", "template-text", c.text));
    for (const action of c.actions || []) card.append(actionButton(action, onAction));
    return card;
  };
  if (t.type === "buttons") return column(t, true);
  if (t.type === "carousel") {
    const row = el("div", "carousel");
    for (const c of t.columns || []) row.append(column(c, true));
    return row;
  }
  if (t.type === "image_carousel") {
    const row = el("div", "carousel");
    for (const c of t.columns || []) {
      const card = el("div", "image-column");
      card.append(image(c.imageUrl, c.action?.label || ""));
      if (c.action?.label) card.append(el("div", "image-column-label", c.action.label));
      row.append(tappable(card, c.action, onAction));
    }
    return row;
  }
  return renderUnknown(message);
}

function renderUnknown(message) {
  const node = el("pre", "bubble unknown");
  node.textContent = JSON.stringify(message, null, 2);
  return node;
}

// ── Flex

function applyMargin(node, component, parentLayout) {
  const margin = px(component.margin, SPACING);
  if (!margin) return;
  if (parentLayout === "vertical") node.style.marginTop = margin;
  else node.style.marginLeft = margin;
}

function applyFlex(node, component, parentLayout) {
  // "By default, a horizontal box's components have their flex property set equal to 1. By default, a
  //  vertical box's components have their flex property set equal to 0."
  const defaultFlex = parentLayout === "vertical" ? 0 : 1;
  const flex = component.flex ?? defaultFlex;
  node.style.flex = flex === 0 ? "0 0 auto" : `${flex} 1 0`;
  if (flex !== 0) node.style.minWidth = "0";
}

function applyPosition(node, component) {
  if (component.position === "absolute") node.style.position = "absolute";
  else node.style.position = "relative";
  for (const [key, side] of [["offsetTop", "top"], ["offsetBottom", "bottom"], ["offsetStart", "left"], ["offsetEnd", "right"]]) {
    const value = px(component[key], SPACING);
    if (value !== undefined) node.style[side] = value;
  }
}

function applyGravity(node, component) {
  const map = { top: "flex-start", bottom: "flex-end", center: "center" };
  if (component.gravity) node.style.alignSelf = map[component.gravity];
}

function renderBox(box, parentLayout, onAction) {
  const node = el("div", `fx-box fx-${box.layout}`);
  node.style.display = "flex";
  node.style.flexDirection = box.layout === "vertical" ? "column" : "row";
  if (box.layout === "baseline") node.style.alignItems = "baseline";
  if (box.spacing) node.style.gap = px(box.spacing, SPACING);
  if (box.backgroundColor) node.style.backgroundColor = box.backgroundColor;
  if (box.borderColor) node.style.borderColor = box.borderColor;
  if (box.borderWidth) {
    node.style.borderStyle = "solid";
    node.style.borderWidth = px(box.borderWidth, BORDER);
  }
  if (box.cornerRadius) node.style.borderRadius = px(box.cornerRadius, RADIUS);
  for (const [key, css] of [["width", "width"], ["maxWidth", "maxWidth"], ["height", "height"], ["maxHeight", "maxHeight"]]) if (box[key]) node.style[css] = box[key];
  if (box.paddingAll) node.style.padding = px(box.paddingAll, SPACING);
  for (const [key, css] of [["paddingTop", "paddingTop"], ["paddingBottom", "paddingBottom"], ["paddingStart", "paddingLeft"], ["paddingEnd", "paddingRight"]]) if (box[key]) node.style[css] = px(box[key], SPACING);
  if (box.justifyContent) node.style.justifyContent = box.justifyContent;
  if (box.alignItems) node.style.alignItems = box.alignItems;
  if (box.background?.type === "linearGradient") {
    const stops = box.background.centerColor ? `${box.background.startColor}, ${box.background.centerColor} ${box.background.centerPosition || "50%"}, ${box.background.endColor}` : `${box.background.startColor}, ${box.background.endColor}`;
    node.style.backgroundImage = `linear-gradient(${box.background.angle}, ${stops})`;
  }
  if (parentLayout) {
    applyFlex(node, box, parentLayout);
    applyMargin(node, box, parentLayout);
  }
  applyPosition(node, box);
  for (const child of box.contents || []) {
    const rendered = renderComponent(child, box.layout, onAction);
    if (rendered) node.append(rendered);
  }
  return tappable(node, box.action, onAction, "flex");
}

function renderFlexText(text, parentLayout, onAction) {
  const node = el("div", "fx-text");
  if (text.contents && text.contents.length > 0) {
    for (const span of text.contents) {
      const s = el("span", "", span.text || "");
      if (span.size) s.style.fontSize = px(span.size, FONT);
      if (span.color) s.style.color = span.color;
      if (span.weight === "bold") s.style.fontWeight = "700";
      if (span.style === "italic") s.style.fontStyle = "italic";
      if (span.decoration && span.decoration !== "none") s.style.textDecoration = span.decoration;
      node.append(s);
    }
  } else node.textContent = text.text || "";
  node.style.fontSize = px(text.size || "md", FONT);
  if (text.color) node.style.color = text.color;
  if (text.weight === "bold") node.style.fontWeight = "700";
  if (text.style === "italic") node.style.fontStyle = "italic";
  if (text.decoration && text.decoration !== "none") node.style.textDecoration = text.decoration;
  node.style.textAlign = text.align === "end" ? "right" : text.align === "center" ? "center" : "left";
  if (text.wrap) {
    node.style.whiteSpace = "pre-wrap";
    node.style.overflowWrap = "anywhere";
  } else {
    node.style.whiteSpace = "nowrap";
    node.style.overflow = "hidden";
    node.style.textOverflow = "ellipsis";
  }
  if (text.maxLines > 0) {
    node.style.display = "-webkit-box";
    node.style.webkitLineClamp = String(text.maxLines);
    node.style.webkitBoxOrient = "vertical";
    node.style.overflow = "hidden";
  }
  if (text.lineSpacing) node.style.lineHeight = `calc(1.4em + ${text.lineSpacing})`;
  applyFlex(node, text, parentLayout);
  applyMargin(node, text, parentLayout);
  applyPosition(node, text);
  applyGravity(node, text);
  return tappable(node, text.action, onAction, "flex");
}

function renderFlexImage(img, parentLayout, onAction) {
  const wrap = el("div", "fx-image");
  const size = px(img.size || "md", IMAGE_WIDTH);
  const [w, h] = (img.aspectRatio || "1:1").split(":").map(Number);
  const picture = image(img.url, "");
  picture.style.width = "100%";
  picture.style.aspectRatio = `${w} / ${h}`;
  picture.style.objectFit = img.aspectMode === "cover" ? "cover" : "contain";
  if (img.backgroundColor) picture.style.backgroundColor = img.backgroundColor;
  picture.style.maxWidth = size;
  wrap.style.display = "flex";
  wrap.style.justifyContent = img.align === "start" ? "flex-start" : img.align === "end" ? "flex-end" : "center";
  wrap.append(picture);
  applyFlex(wrap, img, parentLayout);
  applyMargin(wrap, img, parentLayout);
  applyPosition(wrap, img);
  applyGravity(wrap, img);
  return tappable(wrap, img.action, onAction, "flex");
}

function renderButton(button, parentLayout, onAction) {
  const node = el("button", `fx-button fx-button-${button.style || "link"} fx-button-${button.height || "md"}`, actionLabel(button.action));
  node.type = "button";
  if (button.color) {
    if ((button.style || "link") === "link") node.style.color = button.color;
    else node.style.backgroundColor = button.color;
  }
  applyFlex(node, button, parentLayout);
  applyMargin(node, button, parentLayout);
  applyPosition(node, button);
  applyGravity(node, button);
  node.addEventListener("click", (event) => {
    event.stopPropagation();
    onAction(button.action, "flex");
  });
  return node;
}

function renderComponent(component, parentLayout, onAction) {
  switch (component.type) {
    case "box":
      return renderBox(component, parentLayout, onAction);
    case "text":
      return renderFlexText(component, parentLayout, onAction);
    case "image":
      return renderFlexImage(component, parentLayout, onAction);
    case "button":
      return renderButton(component, parentLayout, onAction);
    case "icon": {
      const icon = image(component.url, "");
      icon.className = "fx-icon";
      const size = px(component.size || "md", ICON);
      const [w, h] = (component.aspectRatio || "1:1").split(":").map(Number);
      icon.style.height = size;
      icon.style.width = `calc(${size} * ${w / h})`;
      applyMargin(icon, component, parentLayout);
      applyPosition(icon, component);
      return icon;
    }
    case "separator": {
      const line = el("div", "fx-separator");
      if (parentLayout === "vertical") line.style.borderTop = `1px solid ${component.color || "#d4d6da"}`;
      else line.style.borderLeft = `1px solid ${component.color || "#d4d6da"}`;
      line.style.flex = "0 0 auto";
      applyMargin(line, component, parentLayout);
      return line;
    }
    case "filler": {
      const filler = el("div", "fx-filler");
      filler.style.flex = `${component.flex ?? 1} 1 0`;
      return filler;
    }
    case "spacer": {
      const spacer = el("div", "fx-spacer");
      spacer.style.flex = `0 0 ${px(component.size || "md", SPACING)}`;
      return spacer;
    }
    case "video": {
      const video = el("div", "fx-video");
      video.append(image(component.previewUrl, "動画"), el("span", "play", "▶"));
      return tappable(video, component.action, onAction, "flex");
    }
    default:
      return el("div", "muted small", `[${component.type}]`);
  }
}

export function renderBubble(bubble, onAction) {
  const node = el("div", "fx-bubble");
  node.style.width = BUBBLE_WIDTH[bubble.size || "mega"];
  if (bubble.direction === "rtl") node.dir = "rtl";
  const styles = bubble.styles || {};
  // LINE's blocks: header and body are padded 20px, the footer 10px; the hero is flush.
  const blocks = [
    ["header", "20px"],
    ["hero", "0"],
    ["body", "20px"],
    ["footer", "10px"],
  ];
  let first = true;
  for (const [name, padding] of blocks) {
    const block = bubble[name];
    if (!block) continue;
    const style = styles[name] || {};
    const wrapper = el("div", `fx-block fx-${name}`);
    if (style.backgroundColor) wrapper.style.backgroundColor = style.backgroundColor;
    if (style.separator && !first) wrapper.style.borderTop = `1px solid ${style.separatorColor || "#d4d6da"}`;
    if (block.type === "box") {
      const box = renderBox(block, undefined, onAction);
      if (!block.paddingAll && !block.paddingTop && !block.paddingBottom && !block.paddingStart && !block.paddingEnd) box.style.padding = padding;
      wrapper.append(box);
    } else if (block.type === "video") {
      wrapper.append(renderComponent(block, "vertical", onAction));
    } else {
      const hero = renderFlexImage({ ...block, size: block.size || "full" }, "vertical", onAction);
      wrapper.append(hero);
    }
    node.append(wrapper);
    first = false;
  }
  return tappable(node, bubble.action, onAction, "flex");
}

function renderFlex(message, onAction) {
  const contents = message.contents || {};
  if (contents.type === "carousel") {
    const row = el("div", "carousel");
    row.setAttribute("aria-label", message.altText || "カルーセル");
    for (const bubble of contents.contents || []) row.append(renderBubble(bubble, onAction));
    return row;
  }
  return renderBubble(contents, onAction);
}

/** One LINE message object as a DOM node. */
export function renderMessage(message, onAction) {
  switch (message.type) {
    case "text":
      return renderText(message);
    case "textV2":
      return renderTextV2(message);
    case "sticker":
      return renderSticker(message);
    case "image": {
      const node = el("div", "media");
      node.append(image(message.previewImageUrl || message.originalContentUrl, "画像"));
      return node;
    }
    case "video": {
      const node = el("div", "media video");
      node.append(image(message.previewImageUrl, "動画"), el("span", "play", "▶"));
      return node;
    }
    case "audio":
      return el("div", "bubble audio", `🎵 音声（${Math.round((message.duration || 0) / 1000)}秒）`);
    case "location":
      return renderLocation(message);
    case "imagemap":
      return renderImagemap(message, onAction);
    case "template":
      return renderTemplate(message, onAction);
    case "flex":
      return renderFlex(message, onAction);
    default:
      return renderUnknown(message);
  }
}
