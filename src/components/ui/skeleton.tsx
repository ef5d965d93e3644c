import { cn } from '../../lib/cn.js';

/** A grey placeholder the size of content that is loading. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-slate-200', className)} />;
}

/** A page's shape while its data loads (a heading and two cards), announced by `label`. */
export function PageSkeleton({ label }: { label: string }) {
  return (
    <div role="status" className="mt-2 space-y-6">
      <span className="sr-only">{label}</span>
      <Skeleton className="h-8 w-64 max-w-full" />
      <Skeleton className="h-4 w-48 max-w-full" />
      <Skeleton className="h-40 w-full" />
      <Skeleton className="h-56 w-full" />
    </div>
  );
}
