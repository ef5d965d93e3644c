import { useState } from 'react';
import type { PaymentMethod } from '../../../../contract/billing.js';
import { Alert } from '../../../components/ui/alert.js';
import { Badge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { LoadError, LoadingLine } from '../../../components/ui/query-state.js';
import { Can } from '../../../lib/authorization.js';
import { usePaymentMethods } from '../api/get-payment-methods.js';
import { useDeleteMethod, useSetDefaultMethod } from '../api/manage-method.js';
import { AddCardDialog } from './add-card-dialog.js';
import { AddPayPalDialog } from './add-paypal-dialog.js';

const expiry = (method: PaymentMethod) => (method.exp_month ? `Expires ${String(method.exp_month).padStart(2, '0')}/${method.exp_year}` : null);

/** The stored cards and PayPal accounts: add one, make one the default, remove one behind a confirmation. */
export function PaymentMethodsCard({ apiKey, notice }: { apiKey: string; notice?: string | null }) {
  const methods = usePaymentMethods(apiKey);
  const setDefault = useSetDefaultMethod(apiKey);
  const remove = useDeleteMethod(apiKey);
  const [adding, setAdding] = useState<'card' | 'paypal' | null>(null);
  const [toRemove, setToRemove] = useState<PaymentMethod | null>(null);
  const [message, setMessage] = useState<string | null>(notice ?? null);

  const list = methods.data?.methods ?? [];
  return (
    <Card
      title="Payment methods"
      actions={
        <Can permission="billing:write">
          {(can) => (
            <div className="flex flex-wrap justify-end gap-2">
              <Button size="sm" disabled={!methods.data} {...can} onClick={() => setAdding('card')}>
                Add card
              </Button>
              <Button size="sm" variant="secondary" disabled={!methods.data} {...can} onClick={() => setAdding('paypal')}>
                Add PayPal
              </Button>
            </div>
          )}
        </Can>
      }
    >
      {message && (
        <Alert variant="success" className="mb-4">
          {message}
        </Alert>
      )}
      {methods.isPending && <LoadingLine label="Loading payment methods…" />}
      {methods.isError && <LoadError message="We could not load your payment methods." onRetry={() => void methods.refetch()} />}
      {methods.data && list.length === 0 && <p className="text-sm text-slate-600">No payment method yet. Add a card or a PayPal account to top up with one click.</p>}
      {list.length > 0 && (
        <ul aria-label="Stored payment methods" className="divide-y divide-slate-100">
          {list.map((method) => (
            <li key={method.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                  <span className="[overflow-wrap:anywhere]">{method.label}</span>
                  {method.is_default && <Badge tone="info">Default</Badge>}
                </p>
                <p className="text-sm text-slate-600">
                  {[expiry(method), `${method.billing_name}, ${method.billing_city}`].filter(Boolean).join(' · ')}
                </p>
              </div>
              <Can permission="billing:write">
                {(can) => (
                  <div className="flex gap-2">
                    {!method.is_default && (
                      <Button
                        size="sm"
                        variant="secondary"
                        isLoading={setDefault.isPending && setDefault.variables === method.id}
                        {...can}
                        onClick={() => setDefault.mutate(method.id, { onSuccess: () => setMessage(`${method.label} is now your default method.`) })}
                      >
                        Make default<span className="sr-only"> ({method.label})</span>
                      </Button>
                    )}
                    <Button size="sm" variant="ghost" {...can} onClick={() => setToRemove(method)}>
                      Remove<span className="sr-only"> {method.label}</span>
                    </Button>
                  </div>
                )}
              </Can>
            </li>
          ))}
        </ul>
      )}
      {setDefault.isError && <Alert variant="error">{setDefault.error.message}</Alert>}

      {methods.data && (
        <AddCardDialog
          open={adding === 'card'}
          apiKey={apiKey}
          tokenizeUrl={methods.data.processor.tokenize_url}
          onClose={() => setAdding(null)}
          onAdded={(method) => {
            setAdding(null);
            setMessage(`${method.label} was added.`);
          }}
        />
      )}
      <AddPayPalDialog open={adding === 'paypal'} onClose={() => setAdding(null)} />
      <ConfirmDialog
        open={toRemove !== null}
        title="Remove this payment method?"
        confirmLabel="Remove"
        isPending={remove.isPending}
        error={remove.isError ? remove.error.message : null}
        onClose={() => {
          setToRemove(null);
          remove.reset();
        }}
        onConfirm={() =>
          toRemove &&
          remove.mutate(toRemove.id, {
            onSuccess: () => {
              setMessage(`${toRemove.label} was removed.`);
              setToRemove(null);
            },
          })
        }
      >
        <p>{toRemove?.label} will no longer be available for top-ups. Past payments stay in the history.</p>
      </ConfirmDialog>
    </Card>
  );
}
