// DADS button: primary (filled), secondary (outlined), tertiary (text), danger. Minimum 44px target.
import type { ButtonHTMLAttributes } from "react";
import Link from "next/link";
import { cx } from "@/components/ui/cx";

export type ButtonVariant = "primary" | "secondary" | "tertiary" | "danger";
export type ButtonSize = "md" | "sm";

const VARIANT: Record<ButtonVariant, string> = {
  primary:
    "bg-blue-900 text-white border-2 border-blue-900 hover:bg-blue-1000 hover:border-blue-1000 active:bg-blue-1200 disabled:bg-solid-gray-300 disabled:border-solid-gray-300 disabled:text-solid-gray-50",
  secondary:
    "bg-white text-blue-900 border-2 border-blue-900 hover:bg-blue-100 hover:text-blue-1000 active:bg-blue-300 disabled:text-solid-gray-300 disabled:border-solid-gray-300 disabled:bg-white",
  tertiary:
    "bg-transparent text-blue-900 border-2 border-transparent underline underline-offset-4 hover:bg-blue-50 hover:text-blue-1000 disabled:text-solid-gray-300",
  danger:
    "bg-error-1 text-white border-2 border-error-1 hover:bg-error-2 hover:border-error-2 disabled:bg-solid-gray-300 disabled:border-solid-gray-300",
};

const SIZE: Record<ButtonSize, string> = {
  md: "min-h-12 px-5 py-2 text-oln-16B-100 rounded-8",
  sm: "min-h-9 px-3 py-1 text-oln-14B-100 rounded-6",
};

export function buttonClasses(variant: ButtonVariant = "primary", size: ButtonSize = "md", className?: string): string {
  return cx(
    "inline-flex items-center justify-center gap-2 no-underline cursor-pointer disabled:cursor-not-allowed",
    VARIANT[variant],
    SIZE[size],
    className,
  );
}

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: ButtonSize };

export function Button({ variant = "primary", size = "md", className, type = "button", ...rest }: ButtonProps) {
  return <button type={type} className={buttonClasses(variant, size, className)} {...rest} />;
}

/** A link that looks like a button (navigation, not an action). */
export function LinkButton({
  href,
  variant = "secondary",
  size = "md",
  className,
  children,
  prefetch,
  download,
}: {
  href: string;
  /** A file to download (CSV …): a plain link, not client-side navigation. */
  download?: boolean;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  children: React.ReactNode;
  prefetch?: boolean;
}) {
  if (download) {
    return (
      <a href={href} download className={buttonClasses(variant, size, className)}>
        {children}
      </a>
    );
  }
  return (
    <Link href={href} prefetch={prefetch} className={buttonClasses(variant, size, className)}>
      {children}
    </Link>
  );
}
