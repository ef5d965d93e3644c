import { useId, type ReactNode } from 'react';
import { cn } from '../../lib/cn.js';

/** A panel; with a title it is a labelled region, so tests and screen readers can find it by name. */
export function Card({
  title,
  actions,
  children,
  className,
}: {
  title?: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={title ? headingId : undefined}
      className={cn('rounded-lg bg-white shadow-sm ring-1 ring-slate-200', className)}
    >
      {(title || actions) && (
        <header className="flex items-center justify-between gap-4 border-b border-slate-100 px-5 py-3.5">
          {title && (
            <h2 id={headingId} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
          )}
          {actions}
        </header>
      )}
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}
