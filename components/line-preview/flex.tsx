// Flex bubbles and carousels as the LINE app lays them out (box layouts with LINE's flex defaults,
// text, spans, image, icon, button, separator, filler, spacer, video hero; sizes, colours, margins,
// paddings, offsets, gradients). Learned from the emulator's phone renderer (emulator/phone/render.js).
// Non-interactive: buttons are drawn, not clickable.
import type { CSSProperties, ReactNode } from "react";
import { actionLabel } from "./describe";
import { BORDER, BUBBLE_WIDTH, FONT, ICON, IMAGE_WIDTH, RADIUS, SPACING, aspectRatio, length, safeAngle, safeColor, safeImageUrl } from "./style";

type Node = Record<string, unknown>;
type Layout = "vertical" | "horizontal" | "baseline";

function list(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter((v): v is Node => typeof v === "object" && v !== null) : [];
}

function marginStyle(component: Node, parent: Layout | undefined): CSSProperties {
  const margin = length(component.margin, SPACING);
  if (!margin || !parent) return {};
  return parent === "vertical" ? { marginTop: margin } : { marginLeft: margin };
}

function flexStyle(component: Node, parent: Layout | undefined): CSSProperties {
  if (!parent) return {};
  // "By default, a horizontal box's components have their flex property set equal to 1. By default,
  //  a vertical box's components have their flex property set equal to 0." (Flex layout docs)
  const flex = typeof component.flex === "number" ? component.flex : parent === "vertical" ? 0 : 1;
  return flex === 0 ? { flex: "0 0 auto" } : { flex: `${flex} 1 0`, minWidth: 0 };
}

function positionStyle(component: Node): CSSProperties {
  const style: CSSProperties = { position: component.position === "absolute" ? "absolute" : "relative" };
  const top = length(component.offsetTop, SPACING);
  const bottom = length(component.offsetBottom, SPACING);
  const start = length(component.offsetStart, SPACING);
  const end = length(component.offsetEnd, SPACING);
  if (top) style.top = top;
  if (bottom) style.bottom = bottom;
  if (start) style.left = start;
  if (end) style.right = end;
  return style;
}

function gravityStyle(component: Node): CSSProperties {
  const map: Record<string, CSSProperties["alignSelf"]> = { top: "flex-start", bottom: "flex-end", center: "center" };
  return typeof component.gravity === "string" && map[component.gravity] ? { alignSelf: map[component.gravity] } : {};
}

const JUSTIFY = new Set(["flex-start", "center", "flex-end", "space-between", "space-around", "space-evenly"]);
const ALIGN = new Set(["flex-start", "center", "flex-end"]);

function FlexBox({ box, parent }: { box: Node; parent?: Layout }) {
  const layout = (box.layout === "horizontal" || box.layout === "baseline" ? box.layout : "vertical") as Layout;
  const style: CSSProperties = {
    display: "flex",
    flexDirection: layout === "vertical" ? "column" : "row",
    ...(layout === "baseline" ? { alignItems: "baseline" } : {}),
    ...flexStyle(box, parent),
    ...marginStyle(box, parent),
    ...positionStyle(box),
  };
  const gap = length(box.spacing, SPACING);
  if (gap) style.gap = gap;
  const background = safeColor(box.backgroundColor);
  if (background) style.backgroundColor = background;
  const borderColor = safeColor(box.borderColor);
  const borderWidth = length(box.borderWidth, BORDER);
  if (borderWidth) {
    style.borderStyle = "solid";
    style.borderWidth = borderWidth;
    style.borderColor = borderColor ?? "#000000";
  }
  const radius = length(box.cornerRadius, RADIUS);
  if (radius) style.borderRadius = radius;
  for (const key of ["width", "maxWidth", "height", "maxHeight"] as const) {
    const value = length(box[key]);
    if (value) style[key] = value;
  }
  const paddingAll = length(box.paddingAll, SPACING);
  if (paddingAll) style.padding = paddingAll;
  for (const [key, css] of [
    ["paddingTop", "paddingTop"],
    ["paddingBottom", "paddingBottom"],
    ["paddingStart", "paddingLeft"],
    ["paddingEnd", "paddingRight"],
  ] as const) {
    const value = length(box[key], SPACING);
    if (value) style[css] = value;
  }
  if (typeof box.justifyContent === "string" && JUSTIFY.has(box.justifyContent)) style.justifyContent = box.justifyContent;
  if (typeof box.alignItems === "string" && ALIGN.has(box.alignItems)) style.alignItems = box.alignItems;
  const bg = box.background as Node | undefined;
  if (bg?.type === "linearGradient") {
    const angle = safeAngle(bg.angle) ?? "0deg";
    const startColor = safeColor(bg.startColor) ?? "#ffffff";
    const endColor = safeColor(bg.endColor) ?? "#ffffff";
    const center = safeColor(bg.centerColor);
    const stops = center ? `${startColor}, ${center} ${length(bg.centerPosition) ?? "50%"}, ${endColor}` : `${startColor}, ${endColor}`;
    style.backgroundImage = `linear-gradient(${angle}, ${stops})`;
  }
  return (
    <div style={style} className={box.action ? "cursor-default" : undefined}>
      {list(box.contents).map((child, i) => (
        <FlexComponent key={i} component={child} parent={layout} />
      ))}
    </div>
  );
}

function FlexText({ text, parent }: { text: Node; parent?: Layout }) {
  const style: CSSProperties = {
    fontSize: length(text.size ?? "md", FONT) ?? "16px",
    color: safeColor(text.color) ?? "#111111",
    fontWeight: text.weight === "bold" ? 700 : 400,
    fontStyle: text.style === "italic" ? "italic" : undefined,
    textDecoration: text.decoration === "underline" || text.decoration === "line-through" ? (text.decoration as string) : undefined,
    textAlign: text.align === "end" ? "right" : text.align === "center" ? "center" : "left",
    lineHeight: 1.4,
    ...flexStyle(text, parent),
    ...marginStyle(text, parent),
    ...positionStyle(text),
    ...gravityStyle(text),
  };
  if (text.wrap === true) {
    style.whiteSpace = "pre-wrap";
    style.overflowWrap = "anywhere";
  } else {
    style.whiteSpace = "nowrap";
    style.overflow = "hidden";
    style.textOverflow = "ellipsis";
  }
  if (typeof text.maxLines === "number" && text.maxLines > 0) {
    style.display = "-webkit-box";
    style.WebkitLineClamp = text.maxLines;
    style.WebkitBoxOrient = "vertical";
    style.overflow = "hidden";
  }
  const spans = list(text.contents);
  let content: ReactNode = String(text.text ?? "");
  if (spans.length > 0) {
    content = spans.map((span, i) => (
      <span
        key={i}
        style={{
          fontSize: length(span.size, FONT),
          color: safeColor(span.color),
          fontWeight: span.weight === "bold" ? 700 : undefined,
          fontStyle: span.style === "italic" ? "italic" : undefined,
          textDecoration: span.decoration === "underline" || span.decoration === "line-through" ? (span.decoration as string) : undefined,
        }}
      >
        {String(span.text ?? "")}
      </span>
    ));
  }
  return <div style={style}>{content}</div>;
}

function FlexImage({ image, parent, hero }: { image: Node; parent?: Layout; hero?: boolean }) {
  const url = safeImageUrl(image.url);
  const size = length(image.size ?? (hero ? "full" : "md"), IMAGE_WIDTH) ?? "100px";
  const wrap: CSSProperties = {
    display: "flex",
    justifyContent: image.align === "start" ? "flex-start" : image.align === "end" ? "flex-end" : "center",
    ...flexStyle(image, parent),
    ...marginStyle(image, parent),
    ...positionStyle(image),
    ...gravityStyle(image),
  };
  const picture: CSSProperties = {
    width: "100%",
    maxWidth: size,
    aspectRatio: aspectRatio(image.aspectRatio),
    objectFit: image.aspectMode === "cover" ? "cover" : "contain",
    backgroundColor: safeColor(image.backgroundColor) ?? "#dfe3e8",
    display: "block",
  };
  return (
    <div style={wrap}>
      {url ? (
        // eslint-disable-next-line @next/next/no-img-element -- previews show whatever URL staff entered
        <img src={url} alt="" style={picture} loading="lazy" referrerPolicy="no-referrer" />
      ) : (
        <div style={picture} />
      )}
    </div>
  );
}

const BUTTON_HEIGHT: Record<string, string> = { sm: "40px", md: "52px" };

function FlexButton({ button, parent }: { button: Node; parent?: Layout }) {
  const style = (button.style as string) ?? "link";
  const color = safeColor(button.color);
  const css: CSSProperties = {
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    minHeight: BUTTON_HEIGHT[(button.height as string) ?? "md"] ?? "52px",
    padding: "0 8px",
    borderRadius: "6px",
    fontSize: "16px",
    fontWeight: style === "link" ? 400 : 700,
    textAlign: "center",
    ...(style === "primary"
      ? { backgroundColor: color ?? "#17c950", color: "#ffffff" }
      : style === "secondary"
        ? { backgroundColor: color ?? "#dcdfe5", color: "#111111" }
        : { color: color ?? "#42659a" }),
    ...flexStyle(button, parent),
    ...marginStyle(button, parent),
    ...positionStyle(button),
    ...gravityStyle(button),
  };
  return <div style={css}>{actionLabel(button.action)}</div>;
}

function FlexComponent({ component, parent }: { component: Node; parent?: Layout }) {
  switch (component.type) {
    case "box":
      return <FlexBox box={component} parent={parent} />;
    case "text":
      return <FlexText text={component} parent={parent} />;
    case "image":
      return <FlexImage image={component} parent={parent} />;
    case "button":
      return <FlexButton button={component} parent={parent} />;
    case "icon": {
      const url = safeImageUrl(component.url);
      const size = length(component.size ?? "md", ICON) ?? "16px";
      const [w, h] = aspectRatio(component.aspectRatio).split(" / ").map(Number);
      const style: CSSProperties = { height: size, width: `calc(${size} * ${(w ?? 1) / (h ?? 1)})`, flex: "0 0 auto", ...marginStyle(component, parent), ...positionStyle(component) };
      // eslint-disable-next-line @next/next/no-img-element
      return url ? <img src={url} alt="" style={style} /> : <span style={style} />;
    }
    case "separator": {
      const color = safeColor(component.color) ?? "#d4d6da";
      const style: CSSProperties = parent === "vertical" ? { borderTop: `1px solid ${color}` } : { borderLeft: `1px solid ${color}` };
      return <div style={{ ...style, flex: "0 0 auto", ...marginStyle(component, parent) }} />;
    }
    case "filler":
      return <div style={{ flex: `${typeof component.flex === "number" ? component.flex : 1} 1 0` }} />;
    case "spacer":
      return <div style={{ flex: `0 0 ${length(component.size ?? "md", SPACING) ?? "8px"}` }} />;
    case "video": {
      const url = safeImageUrl(component.previewUrl);
      return (
        <div style={{ position: "relative", aspectRatio: aspectRatio(component.aspectRatio, "16:9"), backgroundColor: "#000000" }}>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          {url ? <img src={url} alt="" style={{ width: "100%", height: "100%", objectFit: "cover" }} /> : null}
          <span style={{ position: "absolute", inset: 0, display: "flex", alignItems: "center", justifyContent: "center", color: "#ffffff", fontSize: "32px" }}>▶</span>
        </div>
      );
    }
    default:
      return <div style={{ fontSize: "12px", color: "#666666" }}>[{String(component.type)}]</div>;
  }
}

/** LINE's block paddings: header and body 20px, footer 10px, the hero flush. */
const BLOCKS = [
  ["header", "20px"],
  ["hero", "0"],
  ["body", "20px"],
  ["footer", "10px"],
] as const;

function hasOwnPadding(block: Node): boolean {
  return ["paddingAll", "paddingTop", "paddingBottom", "paddingStart", "paddingEnd"].some((key) => block[key] !== undefined);
}

export function FlexBubble({ bubble }: { bubble: Node }) {
  const styles = (bubble.styles ?? {}) as Record<string, Node | undefined>;
  const width = BUBBLE_WIDTH[(bubble.size as string) ?? "mega"] ?? BUBBLE_WIDTH.mega;
  let first = true;
  return (
    <div
      dir={bubble.direction === "rtl" ? "rtl" : undefined}
      style={{ width, maxWidth: "100%", flex: "0 0 auto", overflow: "hidden", borderRadius: "16px", backgroundColor: "#ffffff" }}
    >
      {BLOCKS.map(([name, padding]) => {
        const block = bubble[name] as Node | undefined;
        if (!block || typeof block !== "object") return null;
        const blockStyle = styles[name] ?? {};
        const wrapper: CSSProperties = {};
        const background = safeColor(blockStyle.backgroundColor);
        if (background) wrapper.backgroundColor = background;
        if (blockStyle.separator === true && !first) wrapper.borderTop = `1px solid ${safeColor(blockStyle.separatorColor) ?? "#d4d6da"}`;
        first = false;
        let content: ReactNode;
        if (block.type === "box") {
          content = (
            <div style={hasOwnPadding(block) ? undefined : { padding }}>
              <FlexBox box={block} />
            </div>
          );
        } else if (block.type === "video") {
          content = <FlexComponent component={block} parent="vertical" />;
        } else {
          content = <FlexImage image={block} parent="vertical" hero />;
        }
        return (
          <div key={name} style={wrapper}>
            {content}
          </div>
        );
      })}
    </div>
  );
}

export function FlexContainer({ contents }: { contents: unknown }) {
  const node = (contents ?? {}) as Node;
  if (node.type === "carousel") {
    return (
      <div style={{ display: "flex", gap: "8px", overflowX: "auto", paddingBottom: "4px" }}>
        {list(node.contents).map((bubble, i) => (
          <FlexBubble key={i} bubble={bubble} />
        ))}
      </div>
    );
  }
  return <FlexBubble bubble={node} />;
}
