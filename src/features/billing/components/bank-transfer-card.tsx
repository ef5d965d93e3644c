import { useState } from 'react';
import { z } from 'zod';
import { paymentAmountTextSchema, TOP_UP_MAX, TOP_UP_MIN, type Payment } from '../../../../contract/billing.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { CopyField } from '../../../components/ui/copy-field.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextField } from '../../../components/ui/text-field.js';
import { Can } from '../../../lib/authorization.js';
import { useFormatMoney } from '../../../lib/format-money.js';
import { newIdempotencyKey } from '../../../lib/idempotency-key.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useRequestBankTransfer } from '../api/top-up.js';

const formSchema = z.object({
  amount: paymentAmountTextSchema,
});

/** The bank details and the reference to quote; the balance moves when the transfer arrives. */
export function BankInstructions({ payment }: { payment: Payment }) {
  const money = useFormatMoney();
  const instructions = payment.bank_instructions;
  if (!instructions) return null;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Transfer <span className="font-semibold">{money(instructions.amount)}</span> to {instructions.beneficiary}, quoting the reference exactly. Your
        balance goes up when it arrives (banks take 1–3 working days).
      </p>
      <CopyField label="IBAN" value={instructions.iban} copyLabel="Copy IBAN" />
      <CopyField label="BIC" value={instructions.bic} copyLabel="Copy BIC" />
      <CopyField label="Reference" value={instructions.reference} copyLabel="Copy reference" />
    </div>
  );
}

/** Pay by bank transfer: the amount, then the details to make the transfer with. */
export function BankTransferCard({ apiKey }: { apiKey: string }) {
  const money = useFormatMoney();
  const request = useRequestBankTransfer(apiKey);
  const [requested, setRequested] = useState<Payment | null>(null);
  // One key per amount typed: asking twice for the same transfer shows the same reference.
  const [key, setKey] = useState(newIdempotencyKey);
  const {
    register,
    submit,
    formError,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: formSchema,
    defaultValues: { amount: '' },
    onSubmit: async (values) => {
      setRequested(await request.mutateAsync({ body: values, idempotencyKey: key }));
      setKey(newIdempotencyKey());
    },
  });
  return (
    <Card title="Bank transfer">
      {requested ? (
        <div className="space-y-4">
          <BankInstructions payment={requested} />
          <Button variant="secondary" size="sm" onClick={() => setRequested(null)}>
            Another bank transfer
          </Button>
        </div>
      ) : (
        <form noValidate onSubmit={submit} className="space-y-4">
          <p className="text-sm text-slate-600">We give you our bank details and a reference to quote. The payment stays pending until the transfer arrives.</p>
          <TextField
            label="Amount to transfer (EUR)"
            inputMode="decimal"
            autoComplete="off"
            hint={`From ${money(TOP_UP_MIN)} to ${money(TOP_UP_MAX)}.`}
            error={errors.amount?.message}
            {...register('amount', { onChange: () => setKey(newIdempotencyKey()) })}
          />
          <FormAlert error={formError} />
          <Can permission="billing:write">
            {(can) => (
              <Button type="submit" variant="secondary" isLoading={isSubmitting} {...can}>
                Get bank details
              </Button>
            )}
          </Can>
        </form>
      )}
    </Card>
  );
}
