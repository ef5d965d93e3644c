import { useEffect, useId, useRef, type ReactNode } from 'react';
import { cn } from '../../lib/cn.js';
import { Button, type ButtonVariant } from './button.js';
import { FormAlert } from './form-alert.js';

/**
 * A modal dialog for a form or a result (create something, transfer money): the native <dialog>
 * opened with showModal(), so the page behind is inert and focus stays inside. Labelled by its
 * title; focus starts on the first field (or `initialFocus`) and returns to the opener; Escape
 * closes it unless `busy` (a request is running). The body supplies its own buttons, so a form can
 * put them inside the <form>. Unmounts its children while closed, so each opening starts afresh.
 */
export function Dialog({
  open,
  title,
  description,
  children,
  busy = false,
  size = 'md',
  onClose,
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  busy?: boolean;
  size?: 'sm' | 'md' | 'lg';
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      const first = dialog.querySelector<HTMLElement>('[data-autofocus], input:not([type="hidden"]):not([disabled]), select, textarea, button');
      first?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

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
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      onClose={handleClose}
      className={cn(
        'm-auto w-[calc(100%-1.5rem)] rounded-lg bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/50',
        { sm: 'max-w-md', md: 'max-w-lg', lg: 'max-w-2xl' }[size],
      )}
    >
      {open && (
        <div className="px-6 pt-5 pb-5">
          {/* A long name in the title is cut after two lines; the tooltip has all of it. */}
          <h2 id={titleId} title={title} className="line-clamp-2 text-lg font-semibold [overflow-wrap:anywhere] text-slate-900">
            {title}
          </h2>
          {description && (
            <div id={descriptionId} className="mt-1 text-sm text-slate-600">
              {description}
            </div>
          )}
          <div className="mt-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}

/** The button row at the foot of a dialog's form: cancel first, the action last. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="mt-6 flex flex-wrap justify-end gap-3 border-t border-slate-100 pt-4">{children}</div>;
}

/** The foot of a dialog's form: the form's error (focused when it appears), Cancel, and the submit button. */
export function DialogFormActions({
  formError,
  submitting,
  submitLabel,
  submitVariant = 'primary',
  onCancel,
}: {
  formError?: { message?: string };
  submitting: boolean;
  submitLabel: string;
  submitVariant?: Extract<ButtonVariant, 'primary' | 'danger'>;
  onCancel: () => void;
}) {
  return (
    <>
      <FormAlert error={formError} />
      <DialogActions>
        <Button variant="secondary" disabled={submitting} onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant={submitVariant} isLoading={submitting}>
          {submitLabel}
        </Button>
      </DialogActions>
    </>
  );
}
