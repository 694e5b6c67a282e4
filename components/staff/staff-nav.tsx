"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";

export type NavItem = { href: string; label: string };

/** Main navigation of the staff console; the current section is marked with aria-current. */
export function StaffNav({ items }: { items: NavItem[] }) {
  // null only under the Pages Router (pages/ holds just the webhook API route).
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label="メインメニュー">
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {items.map((item) => {
          const current = item.href === "/staff" ? pathname === "/staff" : pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cx(
                  "flex min-h-11 items-center rounded-8 px-4 py-2 text-dns-16N-130 no-underline",
                  current ? "bg-blue-900 font-bold text-white hover:text-white" : "text-solid-gray-800 hover:bg-blue-50 hover:text-blue-1000",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
