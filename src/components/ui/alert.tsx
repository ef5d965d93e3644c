import type { ReactNode, Ref } from 'react';
import { cn } from '../../lib/cn.js';

export type AlertVariant = 'info' | 'success' | 'warning' | 'error';

const styles: Record<AlertVariant, string> = {
  info: 'bg-sky-50 text-sky-900 ring-sky-200',
  success: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
  warning: 'bg-amber-50 text-amber-900 ring-amber-200',
  error: 'bg-red-50 text-red-900 ring-red-200',
};

/** Errors interrupt (role="alert"); everything else is announced politely (role="status"). */
export function Alert({
  variant = 'info',
  title,
  children,
  className,
  ref,
  focusable = false,
}: {
  variant?: AlertVariant;
  title?: string;
  children?: ReactNode;
  className?: string;
  ref?: Ref<HTMLDivElement>;
  /** Can take focus from script (tabIndex -1), for a message that focus should move to. */
  focusable?: boolean;
}) {
  return (
    <div
      ref={ref}
      tabIndex={focusable ? -1 : undefined}
      role={variant === 'error' ? 'alert' : 'status'}
      className={cn('rounded-md px-4 py-3 text-sm [overflow-wrap:anywhere] ring-1 ring-inset', styles[variant], className)}
    >
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={cn(title && 'mt-1')}>{children}</div>}
    </div>
  );
}
