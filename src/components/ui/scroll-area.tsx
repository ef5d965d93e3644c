import { useEffect, useRef, useState, type ReactNode } from 'react';
import { cn } from '../../lib/cn.js';

/**
 * A box that scrolls sideways when its content (a wide table) does not fit, so the page never does.
 * While it overflows it is a labelled, focusable region: keyboard users can scroll it with the arrow
 * keys, and screen readers announce what it holds.
 */
export function HorizontalScroll({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflowing, setOverflowing] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOverflowing(element.scrollWidth > element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={ref}
      role={overflowing ? 'region' : undefined}
      aria-label={overflowing ? `${label} (scrolls sideways)` : undefined}
      tabIndex={overflowing ? 0 : undefined}
      className={cn('overflow-x-auto focus-visible:outline-2 focus-visible:outline-indigo-600', className)}
    >
      {children}
    </div>
  );
}
