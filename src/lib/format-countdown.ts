/** m:ss for a countdown; never negative. */
export function formatCountdown(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** "2 minutes", "45 seconds": for retry-after messages. */
export function formatWait(seconds: number): string {
  if (seconds >= 90) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minutes`;
  }
  const rounded = Math.max(1, Math.ceil(seconds));
  return rounded === 1 ? '1 second' : `${rounded} seconds`;
}

/** A rate-limit problem's detail, plus the wait when the detail does not already say it. */
export function withRetryHint(detail: string, retryAfterSeconds: number | undefined): string {
  if (!retryAfterSeconds || /\d/.test(detail)) return detail;
  return `${detail} Try again in ${formatWait(retryAfterSeconds)}.`;
}
