// Stored rich menus as form values, previews and labels.
import type { RichMenu } from "@/generated/prisma/client";
import { storedAreas, toLineAction } from "@/lib/rich-menus/areas";
import { FREE_LAYOUT, richMenuTemplates, templateBounds } from "@/lib/rich-menus/templates";
import type { RichMenuFormValues, TemplateOption } from "./rich-menu-form";

export function templateOptions(): TemplateOption[] {
  return richMenuTemplates().map((t) => ({ id: t.id, size: t.size, label: t.label, bounds: templateBounds(t.id) }));
}

export function emptyMenuValues(): RichMenuFormValues {
  return {
    name: "",
    chatBarText: "メニュー",
    audience: "UNREGISTERED",
    language: "",
    size: "large",
    layout: "large-6",
    areas: Array.from({ length: 6 }, () => ({ label: "", kind: "message", value: "", x: "", y: "", width: "", height: "" })),
    hasImage: false,
  };
}

export function menuFormValues(menu: RichMenu, options: { copy?: boolean } = {}): RichMenuFormValues {
  return {
    id: options.copy ? undefined : menu.id,
    name: options.copy ? `${menu.name}（コピー）` : menu.name,
    chatBarText: menu.chatBarText,
    audience: menu.audience,
    language: menu.language ?? "",
    size: menu.height === 843 ? "compact" : "large",
    layout: options.copy && menu.layout === FREE_LAYOUT ? FREE_LAYOUT : menu.layout,
    areas: storedAreas(menu.areas).map((a) => ({ label: a.label, kind: a.kind, value: a.value, x: String(a.bounds.x), y: String(a.bounds.y), width: String(a.bounds.width), height: String(a.bounds.height) })),
    hasImage: !options.copy,
  };
}

export function imageDataUrl(menu: Pick<RichMenu, "image" | "imageContentType">): string {
  return `data:${menu.imageContentType};base64,${Buffer.from(menu.image).toString("base64")}`;
}

/** Areas with their LINE actions, for the preview's description. */
export function previewAreas(menu: Pick<RichMenu, "areas">) {
  return storedAreas(menu.areas).map((a) => {
    let action: unknown;
    try {
      action = toLineAction(a);
    } catch {
      action = undefined;
    }
    return { bounds: a.bounds, label: a.label, action };
  });
}
