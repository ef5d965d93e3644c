import { useMemo, useState, type CSSProperties } from 'react';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { transferRequestSchema, type Subaccount, type TransferRequest } from '../../../../contract/subaccounts.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog, DialogActions } from '../../../components/ui/dialog.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextField } from '../../../components/ui/text-field.js';
import { ApiError, noAnswerReason } from '../../../lib/api-client.js';
import { applyServerErrors, FORM_ERROR } from '../../../lib/form-errors.js';
import { Money } from '../../../components/ui/money.js';
import { useFormatMoney } from '../../../lib/format-money.js';
import { unknownOutcomeOf, useMoneyMovement, type UnknownOutcome } from '../../../lib/idempotency-key.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useCreateTransfer } from '../api/create-transfer.js';
import {
  afterTransfer,
  amountProblem,
  availableFor,
  availableToSpend,
  parseAmount,
  type Funds,
  type TransferKind,
} from '../utils/amounts.js';

export type TransferDirection = 'to-subaccount' | 'from-subaccount';

export interface TransferAction {
  kind: TransferKind;
  direction: TransferDirection;
}

/** The four transfers a subaccount page offers, named as the user thinks of them. */
export const transferActions: ReadonlyArray<TransferAction & { label: string }> = [
  { kind: 'credit', direction: 'to-subaccount', label: 'Give credit' },
  { kind: 'credit', direction: 'from-subaccount', label: 'Take back credit' },
  { kind: 'balance', direction: 'to-subaccount', label: 'Add balance' },
  { kind: 'balance', direction: 'from-subaccount', label: 'Take back balance' },
];

function describe({ kind, direction }: TransferAction, name: string, amount: string | null) {
  const sum = amount === null ? '' : ` ${amount}`;
  if (kind === 'credit') {
    return direction === 'to-subaccount'
      ? { title: `Give credit to ${name}`, action: `Give${sum} credit`, availableLabel: 'Available to give' }
      : { title: `Take back credit from ${name}`, action: `Take back${sum} credit`, availableLabel: 'Available to take back' };
  }
  return direction === 'to-subaccount'
    ? { title: `Add balance to ${name}`, action: `Add${sum} balance`, availableLabel: 'Available to transfer' }
    : { title: `Take back balance from ${name}`, action: `Take back${sum} balance`, availableLabel: 'Available to take back' };
}

export interface TransferParties {
  primary: Funds & { api_key: string };
  /** An own-balance subaccount (shared ones cannot take part in transfers). */
  subaccount: Subaccount & Funds;
}

/**
 * Move credit or balance between the primary and a subaccount. The amount field says how much is
 * available, and both sides' balance and credit limit after the transfer are shown before the user
 * confirms; the server's refusal (insufficient funds) lands on the amount field.
 */
export function TransferDialog({
  action,
  parties,
  onClose,
  onDone,
}: {
  action: TransferAction | null;
  parties: TransferParties;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog
      open={action !== null}
      title={action ? describe(action, parties.subaccount.name, null).title : ''}
      description={action ? explain(action) : undefined}
      busy={busy}
      size="lg"
      onClose={onClose}
    >
      {action && (
        <TransferForm
          key={`${action.kind}-${action.direction}`}
          action={action}
          parties={parties}
          onBusy={setBusy}
          onCancel={onClose}
          onDone={onDone}
        />
      )}
    </Dialog>
  );
}

function explain({ kind, direction }: TransferAction): string {
  if (kind === 'credit') {
    return direction === 'to-subaccount'
      ? 'Moves part of your credit limit to the subaccount, so it can go that much into debt.'
      : 'Moves credit limit back from the subaccount to you; it can then go that much less into debt.';
  }
  return direction === 'to-subaccount'
    ? 'Moves money from your balance to the subaccount’s balance.'
    : 'Moves money from the subaccount’s balance back to yours.';
}

/** The transfer a request carried, in the words of the dialog's button ("Add €1.00 balance"). */
function doneMessage(action: TransferAction, amount: string, name: string): string {
  const toSubaccount = action.direction === 'to-subaccount';
  return action.kind === 'credit'
    ? `${toSubaccount ? 'Gave' : 'Took back'} ${amount} credit ${toSubaccount ? 'to' : 'from'} ${name}.`
    : `${toSubaccount ? 'Added' : 'Took back'} ${amount} balance ${toSubaccount ? 'to' : 'from'} ${name}.`;
}

/** What the dialog sends: the amount is always a number here (the API also takes numeric strings). */
type TransferBody = TransferRequest & { amount: number };

const OFFLINE_MESSAGE = 'You are offline — nothing was transferred. Try again when your connection is back.';

const unknownOutcomeText: Record<UnknownOutcome, string> = {
  unreachable: 'the connection failed',
  timeout: 'Switchboard did not answer in time',
  server: 'Switchboard had a problem answering',
};

function TransferForm({
  action,
  parties,
  onBusy,
  onCancel,
  onDone,
}: {
  action: TransferAction;
  parties: TransferParties;
  onBusy: (busy: boolean) => void;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const { primary, subaccount } = parties;
  const money = useFormatMoney();
  const toSubaccount = action.direction === 'to-subaccount';
  const source = toSubaccount ? primary : subaccount;
  const available = availableFor(action.kind, source);
  const transfer = useCreateTransfer(primary.api_key, action.kind);
  const movement = useMoneyMovement((body: TransferBody, idempotencyKey: string) =>
    transfer.mutateAsync({ body, idempotencyKey }),
  );
  const { unsettled } = movement;

  const schema = useMemo(
    () =>
      z.object({
        amount: z.string().superRefine((text, context) => {
          const problem = amountProblem(text, available, money);
          if (problem) context.addIssue({ code: 'custom', message: problem });
        }),
        reference: transferRequestSchema.shape.reference,
      }),
    [available, money],
  );

  async function send(run: () => Promise<unknown>, amount: number) {
    onBusy(true);
    try {
      await run();
      onDone(doneMessage(action, money(amount), subaccount.name));
    } catch (error) {
      // No answer: the dialog offers to retry exactly this transfer (see `unsettled`) instead of an error.
      if (!unknownOutcomeOf(error)) throw error;
    } finally {
      onBusy(false);
    }
  }

  const mapError = (error: ApiError) =>
    noAnswerReason(error) === 'offline'
      ? { name: FORM_ERROR, message: OFFLINE_MESSAGE }
      : // "Insufficient Credit", "Insufficient Balance", "Invalid Transfer": all about this amount.
        error.status === 403
        ? { name: 'amount' as const, message: error.problem.detail }
        : undefined;

  const {
    register,
    submit,
    formError,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema,
    defaultValues: { amount: '', reference: '' },
    mapError,
    onSubmit: (values) => {
      const moved = parseAmount(values.amount) as number;
      const body: TransferBody = {
        from: toSubaccount ? primary.api_key : subaccount.api_key,
        to: toSubaccount ? subaccount.api_key : primary.api_key,
        amount: moved,
        ...(values.reference ? { reference: values.reference } : {}),
      };
      return send(() => movement.submit(body), moved);
    },
  });
  const [retrying, setRetrying] = useState(false);

  async function retry() {
    if (!unsettled) return;
    setRetrying(true);
    try {
      await send(() => movement.retry(unsettled), unsettled.body.amount);
    } catch (error) {
      const mapped = error instanceof ApiError ? mapError(error) : undefined;
      if (mapped) setError(mapped.name, { type: 'server', message: mapped.message }, { shouldFocus: true });
      else applyServerErrors(error, setError, ['amount', 'reference']);
    } finally {
      setRetrying(false);
    }
  }

  const typed = useWatch({ control, name: 'amount' }) ?? '';
  // The effect is previewed only for an amount that can be sent (never for 999 999 beyond what is available).
  const amount = amountProblem(typed, available, money) === null ? parseAmount(typed) : null;
  const text = describe(action, subaccount.name, amount === null ? null : money(amount));

  const after = amount === null ? null : afterTransfer(action.kind, source, toSubaccount ? subaccount : primary, amount);
  const primaryAfter = after ? (toSubaccount ? after.from : after.to) : null;
  const subaccountAfter = after ? (toSubaccount ? after.to : after.from) : null;

  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      <fieldset disabled={unsettled !== null} className="grid gap-5 sm:grid-cols-2">
        <TextField
          label="Amount (EUR)"
          inputMode="decimal"
          autoComplete="off"
          placeholder="0.00"
          hint={
            <>
              {text.availableLabel}:{' '}
              <span className="font-medium text-slate-800">
                <Money amount={available} />
              </span>
            </>
          }
          error={errors.amount?.message}
          {...register('amount')}
        />
        <TextField
          label="Reference (optional)"
          autoComplete="off"
          maxLength={255}
          hint="Shown in the transfer history and its CSV export."
          error={errors.reference?.message}
          {...register('reference')}
        />
      </fieldset>

      {/* On a phone each account is a card of three figures, so nothing is cut off. */}
      <table className="stack-on-phone w-full text-left text-sm" style={{ '--stack-columns': 3 } as CSSProperties}>
        <caption className="pb-2 text-left text-sm font-medium text-slate-800 max-sm:block">
          {after ? 'After the transfer' : 'Now (enter an amount to see the effect)'}
        </caption>
        <thead>
          <tr className="text-xs tracking-wide text-slate-500 uppercase">
            <th scope="col" className="py-1.5 pr-3 font-semibold">
              Account
            </th>
            <th scope="col" className="py-1.5 pr-3 text-right font-semibold">
              Balance
            </th>
            <th scope="col" className="py-1.5 pr-3 text-right font-semibold">
              Credit limit
            </th>
            <th scope="col" className="py-1.5 text-right font-semibold">
              Available to spend
            </th>
          </tr>
        </thead>
        <tbody className="[&_tr]:border-t [&_tr]:border-slate-100">
          <EffectRow label="Your account" now={primary} after={primaryAfter} />
          <EffectRow label={subaccount.name} now={subaccount} after={subaccountAfter} />
        </tbody>
      </table>

      {unsettled && (
        <Alert variant="warning" title="We do not know whether the transfer was made">
          No answer came for {money(unsettled.body.amount)} ({unknownOutcomeText[unsettled.reason]}). Retry sends the same
          transfer again and Switchboard applies it at most once, or close and check the transfer history.
        </Alert>
      )}
      <FormAlert error={formError} />
      <DialogActions>
        <Button variant="secondary" disabled={isSubmitting || retrying} onClick={onCancel}>
          Cancel
        </Button>
        {unsettled ? (
          <Button isLoading={retrying} onClick={retry}>
            Retry the {money(unsettled.body.amount)} transfer
          </Button>
        ) : (
          <Button type="submit" isLoading={isSubmitting}>
            {text.action}
          </Button>
        )}
      </DialogActions>
    </form>
  );
}

function EffectRow({ label, now, after }: { label: string; now: Funds; after: Funds | null }) {
  return (
    <tr className="max-sm:px-0!">
      <th scope="row" className="py-2 pr-3 font-medium text-slate-900 max-sm:col-span-3">
        <span className="block max-w-40 truncate max-sm:max-w-none" title={label}>
          {label}
        </span>
      </th>
      <EffectCell label="Balance" now={now.balance} after={after?.balance} />
      <EffectCell label="Credit limit" now={now.credit_limit} after={after?.credit_limit} />
      <EffectCell label="Available" now={availableToSpend(now)} after={after ? availableToSpend(after) : undefined} />
    </tr>
  );
}

function EffectCell({ label, now, after }: { label: string; now: number; after: number | undefined }) {
  const changed = after !== undefined && after !== now;
  return (
    <td data-label={label} className="py-2 pr-3 text-right whitespace-nowrap tabular-nums last:pr-0">
      {after === undefined ? (
        <span className="text-slate-800">
          <Money amount={now} />
        </span>
      ) : (
        <>
          <span className={changed ? 'font-semibold text-slate-900' : 'text-slate-800'}>
            <Money amount={after} />
          </span>
          {changed && (
            <span className="block text-xs text-slate-500">
              now <Money amount={now} />
            </span>
          )}
        </>
      )}
    </td>
  );
}
