import { Alert } from './alert.js';
import { Button } from './button.js';
import { cn } from '../../lib/cn.js';
import { Spinner } from './spinner.js';

/** The line a card shows while its data loads (announced politely). */
export function LoadingLine({ label }: { label: string }) {
  return (
    <p role="status" className="flex items-center gap-2 text-sm text-slate-500">
      <Spinner className="size-4" /> {label}
    </p>
  );
}

/** Why data could not be loaded, with a way to try again. */
export function LoadError({
  message,
  title,
  onRetry,
  size = 'sm',
  className,
}: {
  message: string;
  title?: string;
  onRetry: () => void;
  size?: 'sm' | 'md';
  className?: string;
}) {
  return (
    <div className={cn('space-y-3', className)}>
      <Alert variant="error" title={title}>
        {message}
      </Alert>
      <Button variant="secondary" size={size} onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
