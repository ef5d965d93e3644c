import type { ReactNode } from 'react';
import { cn } from '../../lib/cn.js';

/**
 * A data table with the console's styling. The caption names it for assistive technology (and for
 * tests: getByRole('table', { name })); pass `showCaption` to display it too.
 */
export function Table({
  caption,
  showCaption = false,
  children,
  className,
}: {
  caption: string;
  showCaption?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn('-mx-5 overflow-x-auto', className)}>
      <table
        className={cn(
          'min-w-full text-left text-sm',
          '[&_th]:px-5 [&_th]:py-2 [&_th]:text-xs [&_th]:font-semibold [&_th]:tracking-wide [&_th]:text-slate-500 [&_th]:uppercase',
          '[&_td]:px-5 [&_td]:py-2.5 [&_td]:align-middle [&_td]:text-slate-800',
          '[&_tbody_tr]:border-t [&_tbody_tr]:border-slate-100',
        )}
      >
        <caption className={showCaption ? 'px-5 pb-2 text-left text-sm text-slate-600' : 'sr-only'}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
