"use client";
// Modal dialog on the native <dialog> element: focus moves in and is trapped by the browser,
// Escape closes it, focus returns to the opener, and the title names it.
import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";

export function Dialog({
  open,
  onClose,
  title,
  children,
  actions,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: React.ReactNode;
  actions?: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(36rem,calc(100%-2rem))] rounded-16 border border-solid-gray-420 bg-white p-0 shadow-5 backdrop:bg-opacity-gray-600"
    >
      <div className="p-6">
        <h2 id={titleId} className="mb-4 text-std-20B-150">
          {title}
        </h2>
        <div className="text-std-16N-170">{children}</div>
        <div className="mt-6 flex flex-wrap justify-end gap-3">
          {actions}
          <Button variant="tertiary" onClick={onClose}>
            閉じる
          </Button>
        </div>
      </div>
    </dialog>
  );
}

/** A button that asks for confirmation in a dialog before submitting its form (destructive actions). */
export function ConfirmButton({
  label,
  title,
  message,
  confirmLabel,
  variant = "danger",
  formId,
}: {
  label: string;
  title: string;
  message: React.ReactNode;
  confirmLabel: string;
  variant?: "primary" | "danger" | "secondary";
  formId: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <Button variant={variant === "danger" ? "secondary" : variant} onClick={() => ref.current?.showModal()}>
        {label}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        className="m-auto w-[min(36rem,calc(100%-2rem))] rounded-16 border border-solid-gray-420 bg-white p-0 shadow-5 backdrop:bg-opacity-gray-600"
      >
        <div className="p-6">
          <h2 id={titleId} className="mb-4 text-std-20B-150">
            {title}
          </h2>
          <div className="text-std-16N-170">{message}</div>
          <div className="mt-6 flex flex-wrap justify-end gap-3">
            <Button variant="tertiary" onClick={() => ref.current?.close()}>
              キャンセル
            </Button>
            <Button variant={variant} type="submit" form={formId} onClick={() => ref.current?.close()}>
              {confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
