import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { candidateSlots, selectMenu } from "./slots";
import { boundsProblems, richMenuTemplates, templateBounds } from "./templates";
import { imageDimensions, renderGridPng } from "./png";
import { areaActionSchema, toLineAction } from "./areas";

beforeAll(() => {
  process.env.LIFF_ID = "2009000002-KairanDm";
  resetEnvCache();
});

describe("[RICH MENUS] which menu a resident sees", () => {
  const menus = [
    { activeSlot: "UNREGISTERED:*", id: "u" },
    { activeSlot: "REGISTERED:ja", id: "r-ja" },
    { activeSlot: "REGISTERED:en", id: "r-en" },
    { activeSlot: "DISASTER:*", id: "d" },
    { activeSlot: null, id: "draft" },
  ];
  it("by registration and language, falling back to every language, then Japanese", () => {
    expect(selectMenu({ registered: false, language: "vi", disasterMode: false }, menus)?.id).toBe("u");
    expect(selectMenu({ registered: true, language: "en", disasterMode: false }, menus)?.id).toBe("r-en");
    expect(selectMenu({ registered: true, language: "ko", disasterMode: false }, menus)?.id).toBe("r-ja");
    expect(selectMenu({ registered: true, language: "ja-easy", disasterMode: false }, menus)?.id).toBe("r-ja");
    expect(candidateSlots({ registered: true, language: "ja-easy", disasterMode: false })).toEqual(["REGISTERED:ja-easy", "REGISTERED:ja", "REGISTERED:*"]);
  });
  it("in disaster mode, the disaster menu for everyone", () => {
    expect(selectMenu({ registered: true, language: "en", disasterMode: true }, menus)?.id).toBe("d");
    expect(selectMenu({ registered: false, language: "ja", disasterMode: true }, menus)?.id).toBe("d");
    expect(selectMenu({ registered: false, language: "ja", disasterMode: true }, menus.filter((m) => m.id !== "d"))?.id).toBe("u");
  });
});

describe("[RICH MENUS] templates, areas and images", () => {
  it("template grids cover the image exactly, without overlap", () => {
    for (const template of richMenuTemplates()) {
      const bounds = templateBounds(template.id);
      const size = template.size === "large" ? { width: 2500, height: 1686 } : { width: 2500, height: 843 };
      expect(bounds).toHaveLength(template.areaCount);
      expect(boundsProblems(bounds, size), template.id).toEqual([]);
      expect(bounds.reduce((sum, b) => sum + b.width * b.height, 0)).toBe(size.width * size.height);
    }
    expect(templateBounds("large-6")[1]).toEqual({ x: 833, y: 0, width: 834, height: 843 });
  });
  it("free areas must stay inside the image and not overlap", () => {
    const size = { width: 2500, height: 843 };
    expect(boundsProblems([{ x: 0, y: 0, width: 2501, height: 10 }], size)[0]).toMatch(/内側/);
    expect(boundsProblems([{ x: 0, y: 0, width: 100, height: 100 }, { x: 50, y: 50, width: 100, height: 100 }], size)[0]).toMatch(/重なって/);
  });
  it("draws a PNG of the right size and well under LINE's 1 MB", () => {
    const png = renderGridPng({ width: 2500, height: 1686 }, templateBounds("large-6"));
    expect(imageDimensions(png)).toEqual({ width: 2500, height: 1686, type: "image/png" });
    expect(png.length).toBeLessThan(200_000);
  });
  it("area actions: postback, message, LIFF and URI, checked before LINE sees them", () => {
    expect(toLineAction({ label: "相談する", kind: "postback", value: "action=contact" })).toEqual({ type: "postback", label: "相談する", data: "action=contact", displayText: "相談する" });
    expect(toLineAction({ label: "住民登録", kind: "liff", value: "/register?from=menu" })).toEqual({ type: "uri", label: "住民登録", uri: "https://liff.line.me/2009000002-KairanDm/register?from=menu" });
    expect(areaActionSchema.safeParse({ label: "x", kind: "postback", value: "contact" }).success).toBe(false);
    expect(areaActionSchema.safeParse({ label: "x", kind: "uri", value: "http://example.jp" }).success).toBe(false);
    expect(areaActionSchema.safeParse({ label: "あ".repeat(21), kind: "message", value: "x" }).success).toBe(false);
  });
});
