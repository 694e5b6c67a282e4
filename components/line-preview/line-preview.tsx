// LinePreview: LINE messages in a phone-like frame, as a resident would see them in the chat —
// for staff to judge layout before anything is sent (auto-replies, rich menus, inbox, broadcasts).
// A server component with no client JavaScript. The drawing is hidden from assistive technology;
// a text description of every message (all text, every button and what it does) stands in for it.
import { useId } from "react";
import type { LineMessage } from "@/lib/line/messages";
import { actionLabel, describeMessages, quickReplyItems } from "./describe";
import { LineMessageView } from "./message";

export type LinePreviewProps = {
  messages: LineMessage[];
  /** The account name shown in the chat header (and the preview's accessible name). */
  title?: string;
  className?: string;
};

export function LinePreview({ messages, title, className }: LinePreviewProps) {
  const id = useId();
  const heading = title ?? "LINE のトーク画面";
  const quick = quickReplyItems(messages);
  const description = describeMessages(messages);
  return (
    <figure className={className} aria-labelledby={`${id}-caption`} style={{ margin: 0 }}>
      <figcaption id={`${id}-caption`} className="sr-only">
        {heading}のプレビュー（{messages.length}通）
      </figcaption>
      <ol className="sr-only">
        {description.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
      <div
        aria-hidden="true"
        style={{ width: "360px", maxWidth: "100%", borderRadius: "28px", border: "10px solid #1f2328", backgroundColor: "#1f2328", overflow: "hidden", fontFamily: "inherit" }}
      >
        <div style={{ display: "flex", alignItems: "center", gap: "8px", padding: "10px 14px", backgroundColor: "#263248", color: "#ffffff", fontSize: "15px", fontWeight: 700 }}>
          <span style={{ fontSize: "18px" }}>‹</span>
          <span style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{heading}</span>
        </div>
        <div style={{ minHeight: "220px", maxHeight: "560px", overflowY: "auto", padding: "12px 10px", backgroundColor: "#8aa4c8", display: "flex", flexDirection: "column", gap: "8px" }}>
          {messages.length === 0 ? <p style={{ color: "#1f2328", backgroundColor: "#ffffff", borderRadius: "12px", padding: "4px 12px", fontSize: "13px", textAlign: "center", margin: "auto" }}>メッセージはまだありません</p> : null}
          {messages.map((message, i) => (
            <div key={i} style={{ display: "flex", alignItems: "flex-start", gap: "6px" }}>
              <span
                style={{ width: "32px", height: "32px", flex: "0 0 auto", borderRadius: "50%", backgroundColor: i === 0 ? "#ffffff" : "transparent", display: "flex", alignItems: "center", justifyContent: "center", fontSize: "16px" }}
              >
                {i === 0 ? "🏛" : ""}
              </span>
              <div style={{ minWidth: 0, maxWidth: "calc(100% - 38px)" }}>
                <LineMessageView message={message} />
              </div>
            </div>
          ))}
        </div>
        {quick.length > 0 ? (
          <div style={{ display: "flex", gap: "6px", overflowX: "auto", padding: "8px 10px", backgroundColor: "#8aa4c8", borderTop: "1px solid rgba(255,255,255,0.4)" }}>
            {quick.map((action, i) => (
              <span key={i} style={{ flex: "0 0 auto", padding: "6px 12px", borderRadius: "16px", border: "1px solid #42659a", backgroundColor: "#ffffff", color: "#42659a", fontSize: "13px", whiteSpace: "nowrap" }}>
                {actionLabel(action)}
              </span>
            ))}
          </div>
        ) : null}
      </div>
    </figure>
  );
}
