import type { ConsoleAvailableNumber } from '../../../../contract/numbers.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { Money } from '../../../components/ui/money.js';
import { LoadingLine } from '../../../components/ui/query-state.js';
import { useBuyNumber } from '../api/buy-number.js';
import { usePurchaseQuote } from '../api/get-purchase-quote.js';
import { accountLabel, formatMsisdn, type FamilyAccount } from './family-account.js';

/** Confirm a purchase: the setup price and first month charged now, and what the paying account has left after. */
export function BuyNumberDialog({
  apiKey,
  number,
  target,
  onClose,
  onBought,
}: {
  apiKey: string;
  number: ConsoleAvailableNumber | null;
  target: FamilyAccount;
  onClose: () => void;
  onBought: (message: string) => void;
}) {
  const quote = usePurchaseQuote(apiKey, target.api_key, number);
  const buy = useBuyNumber(apiKey);
  const shortfall = quote.data ? quote.data.available_after < 0 : false;
  return (
    <ConfirmDialog
      open={number !== null}
      title={number ? `Buy ${formatMsisdn(number.msisdn)}` : ''}
      confirmLabel="Buy number"
      variant="primary"
      isPending={buy.isPending}
      error={buy.error?.message ?? quote.error?.message}
      onClose={() => {
        buy.reset();
        onClose();
      }}
      onConfirm={() => {
        if (!number) return;
        buy.mutate({ account: target.api_key, number: { country: number.country, msisdn: number.msisdn } }, { onSuccess: () => onBought(`${formatMsisdn(number.msisdn)} is now rented by ${target.name}.`) });
      }}
    >
      <p>
        Into <strong>{accountLabel(target)}</strong>. It renews every month on the same day until you cancel it.
      </p>
      {quote.data ? (
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
          <dt>Setup price</dt>
          <dd className="text-right">
            <Money amount={quote.data.setup_price} />
          </dd>
          <dt>First month</dt>
          <dd className="text-right">
            <Money amount={quote.data.monthly_cost} />
          </dd>
          <dt className="font-medium">Charged now</dt>
          <dd className="text-right font-medium">
            <Money amount={quote.data.total} />
          </dd>
          <dt>Available credit after{quote.data.payer_api_key !== target.api_key ? ' (paid by the primary)' : ''}</dt>
          <dd className="text-right">
            <Money amount={quote.data.available_after} />
          </dd>
        </dl>
      ) : (
        <LoadingLine label="Working out the price…" />
      )}
      {shortfall && <p className="font-medium text-red-700">The available credit does not cover this purchase: add credit first.</p>}
    </ConfirmDialog>
  );
}
