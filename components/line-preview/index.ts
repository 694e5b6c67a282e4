// The staff preview of LINE messages (shared with the broadcast composer). Server-renderable, no
// client JavaScript; safe to import from client components too (no server-only imports).
export { LinePreview, type LinePreviewProps } from "./line-preview";
export { LineMessageView } from "./message";
export { FlexContainer, FlexBubble } from "./flex";
export { describeMessage, describeMessages, flexTexts, actionLabel, actionEffect } from "./describe";
export type { LineMessage } from "@/lib/line/messages";
export { RichMenuPreview, type RichMenuPreviewArea } from "./rich-menu-preview";
