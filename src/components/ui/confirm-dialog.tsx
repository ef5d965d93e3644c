import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Alert } from './alert.js';
import { Button, type ButtonVariant } from './button.js';

/**
 * A modal confirmation for anything that revokes or spends: the native <dialog> opened with
 * showModal(), so the page behind is inert and focus stays inside. It is labelled by its title and
 * described by its body; focus starts on Cancel (the safe choice) and returns to the control that
 * opened it; Escape closes it (unless the action is already running).
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  variant = 'danger',
  isPending = false,
  error,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  /** What will happen, including its effect ("balance after: …"). */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  variant?: Extract<ButtonVariant, 'primary' | 'danger'>;
  isPending?: boolean;
  /** Why the action failed, shown inside the dialog so the user can retry or cancel. */
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  // Closed while still mounted: give the focus back to the opener when it is still on the page.
  function handleClose() {
    const opener = openerRef.current;
    openerRef.current = null;
    if (opener?.isConnected) opener.focus();
    if (open) onClose();
  }

  return (
    <dialog
      ref={dialogRef}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!isPending) onClose();
      }}
      onClose={handleClose}
      className="m-auto w-full max-w-md rounded-lg bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/50"
    >
      <div className="px-6 pt-5 pb-4">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <div id={bodyId} className="mt-2 space-y-3 text-sm text-slate-600">
          {children}
        </div>
        {error && (
          <Alert variant="error" className="mt-4">
            {error}
          </Alert>
        )}
      </div>
      <div className="flex justify-end gap-3 rounded-b-lg border-t border-slate-100 bg-slate-50 px-6 py-3">
        <Button ref={cancelRef} variant="secondary" disabled={isPending} onClick={onClose}>
          {cancelLabel}
        </Button>
        <Button variant={variant} isLoading={isPending} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
