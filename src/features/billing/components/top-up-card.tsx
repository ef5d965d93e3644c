import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { paymentAmountTextSchema, TOP_UP_MAX, TOP_UP_MIN, TOP_UP_PRESETS, topUpRequestSchema, type PaymentMethod, type TopUpRequest, type TopUpResult } from '../../../../contract/billing.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { LoadError, LoadingLine } from '../../../components/ui/query-state.js';
import { Money } from '../../../components/ui/money.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useAccountSummary } from '../../../lib/account-summary.js';
import { ApiError, noAnswerReason } from '../../../lib/api-client.js';
import { Can } from '../../../lib/authorization.js';
import { applyServerErrors, FORM_ERROR } from '../../../lib/form-errors.js';
import { useFormatMoney } from '../../../lib/format-money.js';
import { unknownOutcomeOf, useMoneyMovement } from '../../../lib/idempotency-key.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { usePaymentMethods } from '../api/get-payment-methods.js';
import { useTopUp } from '../api/top-up.js';

const formSchema = z.object({
  method_id: topUpRequestSchema.shape.method_id,
  amount: paymentAmountTextSchema,
});

const OFFLINE_MESSAGE = 'You are offline — nothing was paid. Try again when your connection is back.';

/** What happened to the last payment, in the words shown after it. */
function outcomeText(result: TopUpResult, money: (amount: number) => string): { variant: 'success' | 'info'; text: string } {
  const { payment } = result;
  if (payment.status === 'settled') {
    return { variant: 'success', text: `Paid ${money(payment.amount)} with ${payment.method_label}. Your balance is now ${money(result.balance)}.` };
  }
  return {
    variant: 'info',
    text: `Your payment of ${money(payment.amount)} is being reviewed by the card issuer. Your balance goes up when it settles, usually within 30 minutes.`,
  };
}

/** One-click top-up with a stored method: a preset or another amount, the balance after it, then the new balance. */
export function TopUpCard({ apiKey, onAddMethod }: { apiKey: string; onAddMethod?: () => void }) {
  const methods = usePaymentMethods(apiKey);
  if (methods.isPending) {
    return (
      <Card title="Top up">
        <LoadingLine label="Loading payment methods…" />
      </Card>
    );
  }
  if (methods.isError) {
    return (
      <Card title="Top up">
        <LoadError message="We could not load your payment methods." onRetry={() => void methods.refetch()} />
      </Card>
    );
  }
  if (methods.data.methods.length === 0) {
    return (
      <Card title="Top up">
        <p className="text-sm text-slate-600">Add a card or a PayPal account to top up with one click, or pay by bank transfer below.</p>
        {onAddMethod && (
          <Can permission="billing:write">
            {(can) => (
              <Button className="mt-3" size="sm" {...can} onClick={onAddMethod}>
                Add card
              </Button>
            )}
          </Can>
        )}
      </Card>
    );
  }
  return (
    <Card title="Top up">
      <TopUpForm apiKey={apiKey} methods={methods.data.methods} />
    </Card>
  );
}

function TopUpForm({ apiKey, methods: list }: { apiKey: string; methods: PaymentMethod[] }) {
  const summary = useAccountSummary(apiKey);
  const money = useFormatMoney();
  const topUp = useTopUp(apiKey);
  const movement = useMoneyMovement((body: TopUpRequest, idempotencyKey: string) => topUp.mutateAsync({ body, idempotencyKey }));
  const [done, setDone] = useState<TopUpResult | null>(null);
  const [retrying, setRetrying] = useState(false);
  const defaultMethod = list.find((method) => method.is_default) ?? list[0];

  const mapError = (error: ApiError) =>
    noAnswerReason(error) === 'offline'
      ? { name: FORM_ERROR, message: OFFLINE_MESSAGE }
      : error.status === 402
        ? { name: FORM_ERROR, message: error.problem.detail }
        : undefined;

  async function pay(run: () => Promise<TopUpResult>) {
    setDone(null);
    try {
      setDone(await run());
    } catch (error) {
      // No answer: the card offers to retry exactly this payment (see `unsettled`).
      if (!unknownOutcomeOf(error)) throw error;
    }
  }

  const {
    register,
    submit,
    setValue,
    setError,
    control,
    formError,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: formSchema,
    defaultValues: { method_id: defaultMethod.id, amount: String(TOP_UP_PRESETS[0]) },
    mapError,
    onSubmit: (values) => pay(() => movement.submit(values)),
  });

  async function retry() {
    const { unsettled } = movement;
    if (!unsettled) return;
    setRetrying(true);
    try {
      await pay(() => movement.retry(unsettled));
    } catch (error) {
      const mapped = error instanceof ApiError ? mapError(error) : undefined;
      if (mapped) setError(mapped.name, { type: 'server', message: mapped.message });
      else applyServerErrors(error, setError, ['method_id', 'amount']);
    } finally {
      setRetrying(false);
    }
  }

  const typed = useWatch({ control, name: 'amount' }) ?? '';
  const parsed = formSchema.shape.amount.safeParse(typed);
  const amount = parsed.success ? parsed.data : null;
  const balance = summary.data?.balance;
  const { unsettled } = movement;
  const outcome = done ? outcomeText(done, money) : null;

  return (
    <>
      {outcome && (
        <Alert variant={outcome.variant} className="mb-4">
          {outcome.text}
        </Alert>
      )}
      <form noValidate onSubmit={submit} className="space-y-4">
        <fieldset disabled={unsettled !== null} className="space-y-4">
          <Select
            label="Pay with"
            options={list.map((method) => ({ value: method.id, label: `${method.label}${method.is_default ? ' (default)' : ''}` }))}
            error={errors.method_id?.message}
            {...register('method_id')}
          />
          <div role="group" aria-label="Amount presets" className="flex flex-wrap gap-2">
            {TOP_UP_PRESETS.map((preset) => (
              <Button
                key={preset}
                size="sm"
                variant={amount === preset ? 'primary' : 'secondary'}
                aria-pressed={amount === preset}
                onClick={() => setValue('amount', String(preset), { shouldValidate: true })}
              >
                {money(preset)}
              </Button>
            ))}
          </div>
          <TextField
            label="Amount (EUR)"
            inputMode="decimal"
            autoComplete="off"
            hint={`From ${money(TOP_UP_MIN)} to ${money(TOP_UP_MAX)} per payment.`}
            error={errors.amount?.message}
            {...register('amount')}
          />
          {balance !== undefined && (
            <p className="text-sm text-slate-700">
              Balance now <Money amount={balance} />
              {amount !== null && (
                <>
                  {' '}
                  · after this payment{' '}
                  <span className="font-semibold text-slate-900">
                    <Money amount={balance + amount} />
                  </span>
                </>
              )}
            </p>
          )}
        </fieldset>
        {unsettled && (
          <Alert variant="warning" title="We do not know whether you paid">
            No answer came for the payment of {money(unsettled.body.amount)}. Retry sends the same payment again and Switchboard
            charges it at most once, or check the billing history.
          </Alert>
        )}
        <FormAlert error={formError} />
        <Can permission="billing:write">
          {(can) =>
            unsettled ? (
              <Button isLoading={retrying} {...can} onClick={retry}>
                Retry the {money(unsettled.body.amount)} payment
              </Button>
            ) : (
              <Button type="submit" isLoading={isSubmitting} {...can}>
                {amount === null ? 'Pay' : `Pay ${money(amount)}`}
              </Button>
            )
          }
        </Can>
      </form>
    </>
  );
}
