import Link from "next/link";
import { cx } from "@/components/ui/cx";

const SECTIONS = [
  { href: "/staff/content/nurseries", label: "施設" },
  { href: "/staff/content/nurseries/vacancies", label: "空き状況の更新" },
];

export function NurseryNav({ current }: { current: string }) {
  return (
    <nav aria-label="保育施設のメニュー" className="mb-6">
      <ul className="flex flex-wrap gap-2">
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link
              href={s.href}
              aria-current={s.href === current ? "page" : undefined}
              className={cx("inline-flex min-h-11 items-center rounded-full border px-4 no-underline", s.href === current ? "border-blue-900 bg-blue-900 text-white hover:text-white" : "border-solid-gray-600 text-solid-gray-800")}
            >
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
