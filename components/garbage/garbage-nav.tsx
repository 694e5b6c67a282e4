// Sub-navigation of ごみ分別 in the staff console (the dictionary chosen travels in ?d=).
import Link from "next/link";
import { cx } from "@/components/ui/cx";

export const GARBAGE_SECTIONS = [
  { href: "/staff/content/garbage", label: "概要" },
  { href: "/staff/content/garbage/items", label: "品目" },
  { href: "/staff/content/garbage/categories", label: "分別区分" },
  { href: "/staff/content/garbage/areas", label: "地区と収集日" },
  { href: "/staff/content/garbage/suspensions", label: "休止期間" },
  { href: "/staff/content/garbage/synonyms", label: "言い換え" },
  { href: "/staff/content/garbage/unanswered", label: "答えられなかった質問" },
] as const;

export function GarbageNav({ current, dictionarySlug }: { current: string; dictionarySlug?: string }) {
  return (
    <nav aria-label="ごみ分別のメニュー" className="mb-6">
      <ul className="flex flex-wrap gap-2">
        {GARBAGE_SECTIONS.map((section) => (
          <li key={section.href}>
            <Link
              href={dictionarySlug ? `${section.href}?d=${encodeURIComponent(dictionarySlug)}` : section.href}
              aria-current={section.href === current ? "page" : undefined}
              className={cx(
                "inline-flex min-h-11 items-center rounded-full border px-4 no-underline",
                section.href === current ? "border-blue-900 bg-blue-900 text-white hover:text-white" : "border-solid-gray-600 text-solid-gray-800",
              )}
            >
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
