// CSV as municipalities publish it: UTF-8 (with or without BOM) or Shift_JIS (CP932), CRLF or LF,
// RFC 4180 quoting with newlines inside quoted cells. Used by the 5374 and nursery imports.

export type DecodedText = { text: string; encoding: "utf-8" | "shift_jis" };

/**
 * Decodes bytes as UTF-8 when they are valid UTF-8, otherwise as Shift_JIS (Windows-31J, what
 * TextDecoder("shift_jis") implements). Valid UTF-8 that is not ASCII practically never is
 * accidental, so trying UTF-8 strictly first is a reliable detector for these two encodings.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("shift_jis").decode(bytes), encoding: "shift_jis" };
  }
}

export type CsvRow = { line: number; cells: string[] };

/** Parses CSV text into rows (with the 1-based line each row starts on). Blank lines are skipped. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let rowHasContent = false;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRow = () => {
    cells.push(cell);
    if (rowHasContent || cells.some((c) => c !== "")) rows.push({ line: rowLine, cells });
    cells = [];
    cell = "";
    rowHasContent = false;
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === "") {
      quoted = true;
      rowHasContent = true;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
      rowHasContent = true;
    } else if (ch === "\r") {
      // CRLF or a lone CR both end the row.
      if (source[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else if (ch === "\n") {
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  if (cell !== "" || cells.length > 0) endRow();
  return rows;
}

function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows → CSV text (CRLF, quoting only where needed), UTF-8 without BOM. */
export function formatCsv(rows: string[][]): string {
  return rows.map((row) => row.map(quoteCell).join(",")).join("\r\n") + "\r\n";
}
