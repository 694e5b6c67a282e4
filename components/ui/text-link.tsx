import Link from "next/link";
import { cx } from "@/components/ui/cx";

/** An inline text link (DADS link style comes from the base stylesheet). */
export function TextLink({ href, children, className, external }: { href: string; children: React.ReactNode; className?: string; external?: boolean }) {
  if (external) {
    return (
      <a href={href} className={className} target="_blank" rel="noopener noreferrer">
        {children}
        <span className="sr-only">（新しいタブで開きます）</span>
      </a>
    );
  }
  return (
    <Link href={href} className={cx(className)}>
      {children}
    </Link>
  );
}
