import { useEffect } from 'react';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { formatCountdown } from '../../../lib/format-countdown.js';
import { useNow } from '../../../lib/use-now.js';
import { useUndoCancel } from '../api/cancel-number.js';
import { formatMsisdn, type Cancelled } from './family-account.js';

/** After a cancel: the number, the time left to take it back, and Undo; it goes away when the window closes. */
export function UndoCancelBanner({ apiKey, cancelled, onDone, onExpired }: { apiKey: string; cancelled: Cancelled; onDone: (message: string) => void; onExpired: () => void }) {
  const now = useNow();
  const undo = useUndoCancel(apiKey);
  const left = new Date(cancelled.undo_until).getTime() - now;
  useEffect(() => {
    if (left <= 0) onExpired();
  }, [left, onExpired]);
  return (
    <Alert variant="warning" title={`${formatMsisdn(cancelled.msisdn)} cancelled`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <span>It is released. You can undo this for {formatCountdown(Math.max(0, left))}.</span>
        <Button
          size="sm"
          variant="secondary"
          isLoading={undo.isPending}
          onClick={() => undo.mutate({ account: cancelled.account, msisdn: cancelled.msisdn }, { onSuccess: () => onDone(`${formatMsisdn(cancelled.msisdn)} restored: nothing was charged again.`) })}
        >
          Undo cancel
        </Button>
      </div>
      {undo.error && <p className="mt-2">{undo.error.message}</p>}
    </Alert>
  );
}
