import type { CSSProperties, ReactNode } from 'react';
import { cn } from '../../lib/cn.js';
import { HorizontalScroll } from './scroll-area.js';

/**
 * A data table with the console's styling. The caption names it for assistive technology (and for
 * tests: getByRole('table', { name })); pass `showCaption` to display it too. A table wider than its
 * card scrolls inside it. With `stackOnPhone`, a phone shows each row as a card of `phoneColumns`
 * columns, every cell labelled by its `data-label` (see `.stack-on-phone` in index.css).
 */
export function Table({
  caption,
  showCaption = false,
  stackOnPhone = false,
  phoneColumns = 2,
  children,
  className,
}: {
  caption: string;
  showCaption?: boolean;
  stackOnPhone?: boolean;
  phoneColumns?: number;
  children: ReactNode;
  className?: string;
}) {
  return (
    <HorizontalScroll label={caption} className={cn('-mx-5', className)}>
      <table
        style={stackOnPhone ? ({ '--stack-columns': phoneColumns } as CSSProperties) : undefined}
        className={cn(
          'min-w-full text-left text-sm',
          '[&_th]:px-5 [&_th]:py-2 [&_th]:text-xs [&_th]:font-semibold [&_th]:tracking-wide [&_th]:text-slate-500 [&_th]:uppercase',
          '[&_td]:px-5 [&_td]:py-2.5 [&_td]:align-middle [&_td]:text-slate-800',
          '[&_tbody_tr]:border-t [&_tbody_tr]:border-slate-100',
          stackOnPhone && 'stack-on-phone',
        )}
      >
        <caption className={showCaption ? 'px-5 pb-2 text-left text-sm text-slate-600' : 'sr-only'}>{caption}</caption>
        {children}
      </table>
    </HorizontalScroll>
  );
}
