// Pagination as links (works without JavaScript, each page has its own URL).
import Link from "next/link";
import { cx } from "@/components/ui/cx";

export function Pagination({
  page,
  pageCount,
  hrefFor,
  label = "ページ送り",
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
  label?: string;
}) {
  if (pageCount <= 1) return null;
  const pages = visiblePages(page, pageCount);
  const item = "inline-flex min-h-11 min-w-11 items-center justify-center rounded-8 px-3 text-oln-16N-100";
  return (
    <nav aria-label={label} className="mt-6">
      <ul className="flex flex-wrap items-center gap-1">
        <li>
          {page > 1 ? (
            <Link href={hrefFor(page - 1)} className={cx(item, "text-blue-1000")} rel="prev">
              ‹ 前へ
            </Link>
          ) : (
            <span className={cx(item, "text-solid-gray-420")} aria-disabled="true">
              ‹ 前へ
            </span>
          )}
        </li>
        {pages.map((p, index) =>
          p === null ? (
            <li key={`gap-${index}`} aria-hidden="true" className={cx(item, "text-solid-gray-600")}>
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <span aria-current="page" className={cx(item, "bg-blue-900 font-bold text-white")}>
                  <span className="sr-only">現在のページ </span>
                  {p}
                </span>
              ) : (
                <Link href={hrefFor(p)} className={cx(item, "text-blue-1000")}>
                  <span className="sr-only">ページ </span>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        <li>
          {page < pageCount ? (
            <Link href={hrefFor(page + 1)} className={cx(item, "text-blue-1000")} rel="next">
              次へ ›
            </Link>
          ) : (
            <span className={cx(item, "text-solid-gray-420")} aria-disabled="true">
              次へ ›
            </span>
          )}
        </li>
      </ul>
      <p className="mt-2 text-dns-14N-130 text-solid-gray-600">
        {pageCount}ページ中 {page}ページ目
      </p>
    </nav>
  );
}

/** 1 … 4 5 [6] 7 8 … 20 */
export function visiblePages(page: number, pageCount: number): (number | null)[] {
  const set = new Set<number>([1, pageCount]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pageCount) set.add(p);
  const sorted = [...set].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (typeof last === "number" && p - last > 1) out.push(null);
    out.push(p);
  }
  return out;
}
