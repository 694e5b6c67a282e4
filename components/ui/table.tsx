// Data table with a caption (its accessible name) and column headers with scope. Wide tables scroll
// inside a focusable region so keyboard users can scroll too.
import { cx } from "@/components/ui/cx";

export type Column<T> = {
  key: string;
  header: string;
  cell: (row: T) => React.ReactNode;
  className?: string;
  /** The column that names the row (rendered as a row header). */
  rowHeader?: boolean;
  align?: "left" | "right" | "center";
};

export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
  empty = "該当するデータはありません。",
  captionHidden,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty?: string;
  captionHidden?: boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-8 border border-solid-gray-420" role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full border-collapse text-left text-dns-16N-130">
        <caption className={cx("px-4 py-3 text-left text-std-17B-170", captionHidden && "sr-only")}>{caption}</caption>
        <thead className="bg-solid-gray-50">
          <tr>
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={cx("border-b border-solid-gray-420 px-4 py-3 text-dns-16B-130 whitespace-nowrap", alignClass(column.align), column.className)}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-4 py-6 text-center text-solid-gray-600">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className="border-b border-solid-gray-200 last:border-b-0 hover:bg-blue-50">
                {columns.map((column) =>
                  column.rowHeader ? (
                    <th key={column.key} scope="row" className={cx("px-4 py-3 font-bold", alignClass(column.align), column.className)}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.key} className={cx("px-4 py-3", alignClass(column.align), column.className)}>
                      {column.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function alignClass(align: Column<unknown>["align"]) {
  return align === "right" ? "text-right tabular-nums" : align === "center" ? "text-center" : "";
}
