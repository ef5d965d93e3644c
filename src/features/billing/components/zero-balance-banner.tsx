import { Link } from 'react-router-dom';
import type { TopUpRequest } from '../../../../contract/billing.js';
import { Button } from '../../../components/ui/button.js';
import { useAccountSummary } from '../../../lib/account-summary.js';
import { useCan } from '../../../lib/authorization.js';
import { useFormatMoney } from '../../../lib/format-money.js';
import { unknownOutcomeOf, useMoneyMovement } from '../../../lib/idempotency-key.js';
import { paths } from '../../../lib/paths.js';
import { usePaymentMethods } from '../api/get-payment-methods.js';
import { useTopUp } from '../api/top-up.js';

const ONE_CLICK_AMOUNT = 20;

/**
 * On every page while the account can no longer spend (available = balance − credit limit ≤ 0): the
 * API refuses paid requests until it is topped up, with a one-click top-up from the default method.
 */
export function ZeroBalanceBanner({ apiKey }: { apiKey: string }) {
  const summary = useAccountSummary(apiKey);
  const canRead = useCan('billing:read');
  const canPay = useCan('billing:write');
  const dry = summary.data !== undefined && summary.data.available <= 0;
  const methods = usePaymentMethods(apiKey, dry && canRead);
  const money = useFormatMoney();
  const topUp = useTopUp(apiKey);
  const movement = useMoneyMovement((body: TopUpRequest, idempotencyKey: string) => topUp.mutateAsync({ body, idempotencyKey }));
  if (!dry) return null;

  const method = methods.data?.methods.find((m) => m.is_default) ?? methods.data?.methods[0];
  const failure = topUp.error && !unknownOutcomeOf(topUp.error) ? topUp.error.message : null;
  const pay = () => {
    if (!method) return;
    const run = movement.unsettled ? movement.retry(movement.unsettled) : movement.submit({ method_id: method.id, amount: ONE_CLICK_AMOUNT });
    run.catch(() => undefined);
  };

  return (
    <div role="alert" className="border-b border-red-200 bg-red-50 px-5 py-3 text-sm text-red-900 lg:px-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p>
          <span className="font-semibold">Your balance has run out.</span> API requests that cost money are refused until you top up.
        </p>
        <div className="flex flex-wrap items-center gap-2">
          {method && canPay ? (
            <Button variant="danger" size="sm" isLoading={topUp.isPending} onClick={pay}>
              {movement.unsettled ? 'Retry the top-up' : `Top up ${money(ONE_CLICK_AMOUNT)} with ${method.label}`}
            </Button>
          ) : null}
          {canRead ? (
            <Link to={paths.billing.getHref()} className="font-medium text-red-900 underline underline-offset-2">
              {method && canPay ? 'Other amounts' : 'Go to billing'}
            </Link>
          ) : (
            <span>Ask an administrator to top up.</span>
          )}
        </div>
      </div>
      {failure && <p className="mt-2">{failure}</p>}
      {movement.unsettled && <p className="mt-2">No answer came for the top-up: retry it (it is charged at most once) or check the billing history.</p>}
    </div>
  );
}
