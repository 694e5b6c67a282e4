import { describe, expect, it } from "vitest";
import { oneOf, pageParam, param, withParams } from "@/lib/http/search-params";
import { visiblePages } from "@/components/ui/pagination";
import { parseJstDate } from "@/lib/format";

describe("list filters from the URL", () => {
  it("reads pages and enumerations defensively", () => {
    expect(pageParam({ page: "3" })).toBe(3);
    expect(pageParam({ page: "-1" })).toBe(1);
    expect(pageParam({ page: "abc" })).toBe(1);
    expect(pageParam({ page: "999999" }, 200)).toBe(200);
    expect(param({ a: ["x", "y"] }, "a")).toBe("x");
    expect(param({ a: "" }, "a")).toBeUndefined();
    expect(oneOf("SENT", ["DRAFT", "SENT"] as const)).toBe("SENT");
    expect(oneOf("DROP TABLE", ["DRAFT", "SENT"] as const)).toBeUndefined();
  });

  it("builds the same page's URL with changed parameters", () => {
    expect(withParams("/staff/audit", { action: "x", page: "2" }, { page: 3 })).toBe("/staff/audit?action=x&page=3");
    expect(withParams("/staff/audit", { action: "x", page: "2" }, { page: undefined })).toBe("/staff/audit?action=x");
  });

  it("shows the first, last and nearby pages with gaps", () => {
    expect(visiblePages(1, 1)).toEqual([1]);
    expect(visiblePages(6, 20)).toEqual([1, null, 4, 5, 6, 7, 8, null, 20]);
    expect(visiblePages(2, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it("reads filter dates as Japan time", () => {
    expect(parseJstDate("2026-11-27")?.toISOString()).toBe("2026-11-26T15:00:00.000Z");
    expect(parseJstDate("2026-11-27", true)?.toISOString()).toBe("2026-11-27T14:59:59.999Z");
    expect(parseJstDate("2026-13-45")).toBeUndefined();
    expect(parseJstDate("yesterday")).toBeUndefined();
  });
});
