// One LINE message object drawn as the LINE app shows it. Non-interactive and server-renderable.
import type { CSSProperties, ReactNode } from "react";
import type { LineMessage } from "@/lib/line/messages";
import { actionLabel } from "./describe";
import { FlexContainer } from "./flex";
import { safeColor, safeImageUrl } from "./style";

type Node = Record<string, unknown>;

function list(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter((v): v is Node => typeof v === "object" && v !== null) : [];
}

const BUBBLE: CSSProperties = {
  display: "inline-block",
  maxWidth: "260px",
  padding: "8px 12px",
  borderRadius: "18px",
  backgroundColor: "#ffffff",
  color: "#111111",
  fontSize: "15px",
  lineHeight: 1.5,
  whiteSpace: "pre-wrap",
  overflowWrap: "anywhere",
};

const EMOJI: CSSProperties = {
  display: "inline-flex",
  alignItems: "center",
  justifyContent: "center",
  width: "1.3em",
  height: "1.3em",
  margin: "0 1px",
  borderRadius: "4px",
  backgroundColor: "#fff3b0",
  fontSize: "0.9em",
  verticalAlign: "-0.2em",
};

/** Text with LINE emoji: each `$` at an emoji's index is drawn as a placeholder. */
function TextBubble({ message, outgoing }: { message: Node; outgoing?: boolean }) {
  const text = String(message.text ?? "");
  const at = new Set(list(message.emojis).map((e) => Number(e.index)));
  const parts: ReactNode[] = [];
  let buffer = "";
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "$" && at.has(i)) {
      if (buffer) parts.push(buffer);
      buffer = "";
      parts.push(
        <span key={i} style={EMOJI}>
          ☺
        </span>,
      );
    } else buffer += text[i];
  }
  if (buffer) parts.push(buffer);
  return <div style={{ ...BUBBLE, ...(outgoing ? { backgroundColor: "#8de055" } : {}) }}>{parts}</div>;
}

function TextV2Bubble({ message }: { message: Node }) {
  const text = String(message.text ?? "");
  const parts = text.split(/(\{[^{}]*\})/).map((part, i) =>
    /^\{[^{}]*\}$/.test(part) ? (
      <span key={i} style={EMOJI}>
        ☺
      </span>
    ) : (
      part
    ),
  );
  return <div style={BUBBLE}>{parts}</div>;
}

function Picture({ url, ratio = "4 / 3", play }: { url: unknown; ratio?: string; play?: boolean }) {
  const src = safeImageUrl(url);
  return (
    <div style={{ position: "relative", width: "220px", aspectRatio: ratio, borderRadius: "14px", overflow: "hidden", backgroundColor: "#c9d1db" }}>
      {/* eslint-disable-next-line @next/next/no-img-element -- previews show whatever URL staff entered */}
      {src ? <img src={src} alt="" style={{ width: "100%", height: "100%", objectFit: "cover", display: "block" }} loading="lazy" referrerPolicy="no-referrer" /> : null}
      {play ? <span style={{ position: "absolute", inset: 0, display: "flex", alignItems: "center", justifyContent: "center", fontSize: "36px", color: "#ffffff" }}>▶</span> : null}
    </div>
  );
}

const CARD: CSSProperties = { width: "240px", flex: "0 0 auto", borderRadius: "14px", overflow: "hidden", backgroundColor: "#ffffff", color: "#111111" };
const CARD_ACTION: CSSProperties = { borderTop: "1px solid #e5e7eb", padding: "10px 8px", textAlign: "center", color: "#42659a", fontSize: "15px" };

function TemplateColumn({ column, withTitle, aspect, background }: { column: Node; withTitle: boolean; aspect?: string; background?: string }) {
  return (
    <div style={CARD}>
      {column.thumbnailImageUrl ? (
        <div style={{ backgroundColor: safeColor(column.imageBackgroundColor) ?? background ?? "#c9d1db" }}>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={safeImageUrl(column.thumbnailImageUrl)} alt="" style={{ width: "100%", aspectRatio: aspect === "square" ? "1 / 1" : "1.51 / 1", objectFit: "cover", display: "block" }} />
        </div>
      ) : null}
      <div style={{ padding: "10px 12px" }}>
        {withTitle && column.title ? <div style={{ fontWeight: 700, fontSize: "15px" }}>{String(column.title)}</div> : null}
        <div style={{ fontSize: "14px", color: "#333333", whiteSpace: "pre-wrap" }}>{String(column.text ?? "")}</div>
      </div>
      {list(column.actions).map((action, i) => (
        <div key={i} style={CARD_ACTION}>
          {actionLabel(action)}
        </div>
      ))}
    </div>
  );
}

function Template({ message }: { message: Node }) {
  const t = (message.template ?? {}) as Node;
  if (t.type === "confirm") {
    return (
      <div style={CARD}>
        <div style={{ padding: "12px", fontSize: "15px", whiteSpace: "pre-wrap" }}>{String(t.text ?? "")}</div>
        <div style={{ display: "flex" }}>
          {list(t.actions).map((action, i) => (
            <div key={i} style={{ ...CARD_ACTION, flex: 1, borderLeft: i > 0 ? "1px solid #e5e7eb" : undefined }}>
              {actionLabel(action)}
            </div>
          ))}
        </div>
      </div>
    );
  }
  if (t.type === "buttons") return <TemplateColumn column={t} withTitle aspect={t.imageAspectRatio as string} />;
  if (t.type === "carousel") {
    return (
      <div style={{ display: "flex", gap: "8px", overflowX: "auto" }}>
        {list(t.columns).map((column, i) => (
          <TemplateColumn key={i} column={column} withTitle aspect={t.imageAspectRatio as string} />
        ))}
      </div>
    );
  }
  if (t.type === "image_carousel") {
    return (
      <div style={{ display: "flex", gap: "8px", overflowX: "auto" }}>
        {list(t.columns).map((column, i) => {
          const action = column.action as Node | undefined;
          return (
            <div key={i} style={{ position: "relative", width: "160px", flex: "0 0 auto" }}>
              <Picture url={column.imageUrl} ratio="1 / 1" />
              {action?.label ? (
                <span style={{ position: "absolute", bottom: "8px", left: "8px", right: "8px", textAlign: "center", color: "#ffffff", backgroundColor: "rgba(0,0,0,0.5)", borderRadius: "10px", fontSize: "13px" }}>
                  {String(action.label)}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
    );
  }
  return <Unknown message={message} />;
}

function Unknown({ message }: { message: Node }) {
  return <div style={{ ...BUBBLE, fontSize: "12px", color: "#555555" }}>［{String(message.type ?? "?")} のメッセージはプレビューできません］</div>;
}

/** One message as drawn in the chat. `outgoing` = sent by the resident (green, on the right). */
export function LineMessageView({ message, outgoing }: { message: LineMessage | Node; outgoing?: boolean }) {
  const m = message as Node;
  switch (m.type) {
    case "text":
      return <TextBubble message={m} outgoing={outgoing} />;
    case "textV2":
      return <TextV2Bubble message={m} />;
    case "image":
      return <Picture url={m.previewImageUrl ?? m.originalContentUrl} />;
    case "video":
      return <Picture url={m.previewImageUrl} ratio="16 / 9" play />;
    case "audio":
      return <div style={BUBBLE}>🎵 音声（{Math.round(Number(m.duration ?? 0) / 1000)}秒）</div>;
    case "sticker":
      return (
        <div style={{ width: "120px", height: "120px", display: "flex", flexDirection: "column", alignItems: "center", justifyContent: "center", borderRadius: "14px", backgroundColor: "rgba(255,255,255,0.6)" }}>
          <span style={{ fontSize: "48px" }}>🐻</span>
          <small style={{ fontSize: "11px", color: "#555555" }}>
            スタンプ {String(m.packageId ?? "")}/{String(m.stickerId ?? "")}
          </small>
        </div>
      );
    case "location":
      return (
        <div style={{ ...CARD, width: "220px" }}>
          <div style={{ height: "90px", display: "flex", alignItems: "center", justifyContent: "center", backgroundColor: "#d7e8d0", fontSize: "32px" }}>📍</div>
          <div style={{ padding: "8px 12px" }}>
            <div style={{ fontWeight: 700, fontSize: "14px" }}>{String(m.title ?? "位置情報")}</div>
            <div style={{ fontSize: "12px", color: "#555555" }}>{String(m.address ?? "")}</div>
          </div>
        </div>
      );
    case "imagemap": {
      const base = (m.baseSize ?? {}) as Node;
      return <Picture url={typeof m.baseUrl === "string" ? `${m.baseUrl}/1040` : undefined} ratio={`${Number(base.width) || 1040} / ${Number(base.height) || 1040}`} />;
    }
    case "template":
      return <Template message={m} />;
    case "flex":
      return <FlexContainer contents={m.contents} />;
    default:
      return <Unknown message={m} />;
  }
}
