import { declineWords, type AutoReload } from '../../../../contract/auto-reload.js';

const when = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "30 Nov 14:20", in the user's time zone. */
export function shortDateTime(iso: string): string {
  const parts = Object.fromEntries(when.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.day} ${parts.month} ${parts.hour}:${parts.minute}`;
}

/** "card declined (do not honour) on 30 Nov 14:20", or "PayPal declined (…)". */
export function declineText(settings: AutoReload): string {
  const failure = settings.last_failure;
  if (!failure) return '';
  const what = settings.method_label?.startsWith('PayPal') ? 'PayPal declined' : 'card declined';
  if (failure.code === 'method_removed') return `the payment method was removed on ${shortDateTime(failure.at)}`;
  return `${what} (${declineWords[failure.code] ?? failure.code}) on ${shortDateTime(failure.at)}`;
}

/** What to do about it: "update the card", or the PayPal account. */
export const updateWords = (settings: AutoReload) => (settings.method_label?.startsWith('PayPal') ? 'update the payment method' : 'update the card');
