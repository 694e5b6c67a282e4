// A rich menu as the resident sees it under the chat: the image with its tappable areas outlined
// and labelled, and the chat bar text. The areas are also listed for screen readers.
import { useId } from "react";
import { actionEffect } from "./describe";

export type RichMenuPreviewArea = { bounds: { x: number; y: number; width: number; height: number }; label: string; action?: unknown };

export function RichMenuPreview({
  imageSrc,
  width,
  height,
  areas,
  chatBarText,
  name,
}: {
  imageSrc: string | null;
  width: number;
  height: number;
  areas: RichMenuPreviewArea[];
  chatBarText: string;
  name: string;
}) {
  const id = useId();
  return (
    <figure aria-labelledby={`${id}-caption`} style={{ margin: 0 }}>
      <figcaption id={`${id}-caption`} className="sr-only">
        リッチメニュー「{name}」のプレビュー（タップできる範囲 {areas.length}か所）
      </figcaption>
      <ol className="sr-only">
        {areas.map((area, i) => (
          <li key={i}>
            {i + 1}：{area.label}
            {area.action ? `（${actionEffect(area.action)}）` : ""}
          </li>
        ))}
      </ol>
      <div aria-hidden="true" style={{ width: "360px", maxWidth: "100%", border: "10px solid #1f2328", borderRadius: "20px", overflow: "hidden", backgroundColor: "#1f2328" }}>
        <div style={{ position: "relative", width: "100%", aspectRatio: `${width} / ${height}`, backgroundColor: "#eef2f7" }}>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL of the stored image */}
          {imageSrc ? <img src={imageSrc} alt="" style={{ position: "absolute", inset: 0, width: "100%", height: "100%" }} /> : null}
          {areas.map((area, i) => (
            <div
              key={i}
              style={{
                position: "absolute",
                left: `${(area.bounds.x / width) * 100}%`,
                top: `${(area.bounds.y / height) * 100}%`,
                width: `${(area.bounds.width / width) * 100}%`,
                height: `${(area.bounds.height / height) * 100}%`,
                border: "2px dashed rgba(0, 49, 216, 0.8)",
                display: "flex",
                alignItems: "flex-end",
                justifyContent: "center",
                padding: "2px",
              }}
            >
              <span style={{ backgroundColor: "rgba(255,255,255,0.9)", color: "#111111", fontSize: "11px", lineHeight: 1.3, padding: "1px 4px", borderRadius: "4px", maxWidth: "100%", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
                {area.label}
              </span>
            </div>
          ))}
        </div>
        <div style={{ backgroundColor: "#ffffff", color: "#111111", textAlign: "center", fontSize: "13px", padding: "6px" }}>{chatBarText} ▾</div>
      </div>
    </figure>
  );
}
