import type { ReactNode } from 'react';
import { Alert } from './alert.js';
import { Button, type ButtonVariant } from './button.js';
import { Dialog, DialogActions } from './dialog.js';

/**
 * A confirmation for anything that revokes or spends, on the shared modal Dialog: its body describes
 * what will happen, focus starts on Cancel (the safe choice), Escape closes it unless the action is
 * already running, and a failure is shown inside so the user can retry or cancel.
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
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={open}
      title={title}
      description={<div className="mt-1 space-y-3">{children}</div>}
      busy={isPending}
      size="sm"
      onClose={onClose}
    >
      {error && <Alert variant="error">{error}</Alert>}
      <DialogActions>
        <Button data-autofocus variant="secondary" disabled={isPending} onClick={onClose}>
          {cancelLabel}
        </Button>
        <Button variant={variant} isLoading={isPending} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
