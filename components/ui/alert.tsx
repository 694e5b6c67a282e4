// Notification banner (DADS): info, success, warning, error. Errors and successes that appear after
// an action are announced (role="alert" / role="status").
import { cx } from "@/components/ui/cx";

export type AlertTone = "info" | "success" | "warning" | "error";

const TONE: Record<AlertTone, { box: string; icon: string; label: string }> = {
  info: { box: "border-blue-900 bg-blue-50", icon: "ℹ", label: "お知らせ" },
  success: { box: "border-success-2 bg-green-50", icon: "✓", label: "完了" },
  warning: { box: "border-warning-yellow-2 bg-yellow-50", icon: "!", label: "注意" },
  error: { box: "border-error-2 bg-red-50", icon: "×", label: "エラー" },
};

export function Alert({
  tone = "info",
  title,
  children,
  live,
  className,
  id,
}: {
  tone?: AlertTone;
  title?: string;
  children?: React.ReactNode;
  /** Announce it to screen readers when it appears (messages after an action). */
  live?: boolean;
  className?: string;
  id?: string;
}) {
  const t = TONE[tone];
  const role = live ? (tone === "error" ? "alert" : "status") : undefined;
  return (
    <div id={id} role={role} className={cx("mb-6 flex gap-3 rounded-12 border-2 p-4", t.box, className)}>
      <span aria-hidden="true" className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-white text-oln-16B-100 text-solid-gray-900">
        {t.icon}
      </span>
      <div className="min-w-0">
        <span className="sr-only">{t.label}：</span>
        {title ? <p className="text-std-17B-170 text-solid-gray-900">{title}</p> : null}
        {children ? <div className="text-std-16N-170 text-solid-gray-800">{children}</div> : null}
      </div>
    </div>
  );
}
