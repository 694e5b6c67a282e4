import Link from "next/link";
import { cx } from "@/components/ui/cx";

/** A row of filter links (すべて + each status); the current one is marked for assistive technology. */
export function StatusFilter({
  label,
  path,
  current,
  options,
  extra = {},
  allLabel = "すべて",
}: {
  label: string;
  path: string;
  current: string | undefined;
  options: { value: string; label: string }[];
  extra?: Record<string, string | undefined>;
  allLabel?: string;
}) {
  const all = [{ value: undefined, label: allLabel }, ...options];
  return (
    <nav aria-label={label} className="mb-4">
      <ul className="flex flex-wrap gap-2">
        {all.map((option) => {
          const query = new URLSearchParams(Object.entries({ ...extra, status: option.value }).filter((e): e is [string, string] => Boolean(e[1])));
          const href = query.size ? `${path}?${query}` : path;
          const selected = option.value === current;
          return (
            <li key={option.value ?? "all"}>
              <Link
                href={href}
                aria-current={selected ? "page" : undefined}
                className={cx(
                  "inline-flex min-h-11 items-center rounded-full border px-4 no-underline",
                  selected ? "border-blue-900 bg-blue-900 text-white hover:text-white" : "border-solid-gray-600 text-solid-gray-800",
                )}
              >
                {option.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
