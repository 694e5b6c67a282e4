import { describe, expect, it } from "vitest";
import { auditCsvLine, csvCell, csvLine } from "@/lib/audit/csv";

describe("audit CSV", () => {
  it("quotes commas, quotes and line breaks", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const evil of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx"]) expect(csvCell(evil).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
  });

  it("writes one CRLF-terminated line per entry in Japan time with Japanese labels", () => {
    expect(csvLine(["a", "b"])).toBe("a,b\r\n");
    const line = auditCsvLine({
      at: new Date("2026-11-27T00:30:00Z"),
      actorLabel: "管理 花子 <admin@city-midori.example.jp>",
      actorId: "11111111-1111-4111-8111-111111111111",
      action: "staff.create",
      targetType: "staff",
      targetId: "t1",
      summary: { after: { name: "新人" } },
      ip: "192.0.2.1",
      userAgent: null,
    });
    expect(line).toBe(
      '2026/11/27 09:30:00,管理 花子 <admin@city-midori.example.jp>,11111111-1111-4111-8111-111111111111,職員の作成,staff.create,職員,t1,"{""after"":{""name"":""新人""}}",192.0.2.1,\r\n',
    );
  });
});
