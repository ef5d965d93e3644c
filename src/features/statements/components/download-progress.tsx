import { cn } from '../../../lib/cn.js';
import type { DownloadState } from '../api/use-download.js';

const sizeFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** 1.2 MB, 340 kB, 512 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${sizeFormat.format(bytes / 1_000_000)} MB`;
  if (bytes >= 1_000) return `${sizeFormat.format(bytes / 1_000)} kB`;
  return `${bytes} bytes`;
}

/**
 * A download's progress as the bytes arrive: a determinate bar when the server announced the size, an
 * indeterminate one (the bytes so far) for a streamed export; then what was saved.
 */
export function DownloadProgressBar({ label, state }: { label: string; state: DownloadState }) {
  if (state.status === 'idle') return null;
  if (state.status === 'saved') {
    return (
      <p role="status" className="text-sm text-slate-700">
        Saved {state.filename} ({formatBytes(state.size)}).
      </p>
    );
  }
  const { received, total } = state.progress;
  const fraction = total ? Math.min(received / total, 1) : null;
  const text = total ? `${formatBytes(received)} of ${formatBytes(total)}` : `${formatBytes(received)} received`;
  return (
    <div className="space-y-1.5">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={cn('h-full rounded-full bg-indigo-600 transition-[width]', fraction === null && 'w-1/3 animate-pulse')}
          style={fraction === null ? undefined : { width: `${fraction * 100}%` }}
        />
      </div>
      <p className="text-xs text-slate-600 tabular-nums">{text}</p>
    </div>
  );
}
