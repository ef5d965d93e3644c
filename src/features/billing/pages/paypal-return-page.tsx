import { useEffect, useRef } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert } from '../../../components/ui/alert.js';
import { Card } from '../../../components/ui/card.js';
import { LoadingLine } from '../../../components/ui/query-state.js';
import { paths } from '../../../lib/paths.js';
import { useApiKey } from '../../../lib/session.js';
import { forgetPayPalAddress, rememberedPayPalAddress, useCompletePayPal } from '../api/paypal.js';
import type { BillingState } from './billing-page.js';

/** Where PayPal sends the customer back: stores the approved account with the address given before, then back to Billing. */
export function PayPalReturnPage() {
  const apiKey = useApiKey();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const complete = useCompletePayPal(apiKey);
  const started = useRef(false);
  const session = search.get('paypal_session');
  const address = rememberedPayPalAddress();

  useEffect(() => {
    if (started.current || !session || !address) return;
    started.current = true;
    complete.mutate(
      { paypal_session: session, ...address },
      {
        onSuccess: (method) => {
          forgetPayPalAddress();
          const state: BillingState = { notice: `${method.label} was added.` };
          void navigate(paths.billing.getHref(), { replace: true, state });
        },
      },
    );
  }, [session, address, complete, navigate]);

  const problem = !session || !address ? 'This PayPal approval cannot be completed here: start again from the billing page.' : complete.isError ? complete.error.message : null;
  return (
    <div className="mx-auto max-w-xl">
      <title>PayPal · Switchboard</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Adding your PayPal account</h1>
      <Card className="mt-6">
        {problem ? (
          <div className="space-y-3">
            <Alert variant="error">{problem}</Alert>
            <Link to={paths.billing.getHref()} className="text-sm font-medium text-indigo-700 underline underline-offset-2">
              Back to billing
            </Link>
          </div>
        ) : (
          <LoadingLine label="Saving your PayPal account…" />
        )}
      </Card>
    </div>
  );
}
