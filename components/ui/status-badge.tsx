import { cx } from "@/components/ui/cx";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "error";

const TONE: Record<BadgeTone, string> = {
  neutral: "border-solid-gray-600 bg-solid-gray-50 text-solid-gray-800",
  info: "border-blue-900 bg-blue-50 text-blue-1000",
  success: "border-success-2 bg-green-50 text-green-1000",
  warning: "border-warning-yellow-2 bg-yellow-50 text-yellow-1200",
  error: "border-error-2 bg-red-50 text-red-1000",
};

/** A short status label; colour is never the only signal (the text says it). */
export function StatusBadge({ tone = "neutral", children, className }: { tone?: BadgeTone; children: React.ReactNode; className?: string }) {
  return (
    <span className={cx("inline-flex items-center whitespace-nowrap rounded-full border px-2.5 py-0.5 text-dns-14B-120", TONE[tone], className)}>
      {children}
    </span>
  );
}
