import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { AccountSummary } from '../../../../contract/account.js';
import { smsTestRequestSchema, type SmsTestRequest, type SmsTestResult } from '../../../../contract/sms.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { Select } from '../../../components/ui/select.js';
import { TextArea } from '../../../components/ui/text-area.js';
import { TextField } from '../../../components/ui/text-field.js';
import { applyServerErrors } from '../../../lib/form-errors.js';
import { useFormatMoney } from '../../../lib/format-money.js';
import { useSmsPrices } from '../api/get-sms-prices.js';
import { useTestNumbers } from '../api/get-test-numbers.js';
import { useSendTestSms } from '../api/send-test-sms.js';
import { formatPhone, phoneCountry } from './phone.js';
import { DEMO_SUFFIX, encodingName, estimateSms } from './sms-parts.js';


/** Step 2: send an SMS from the browser, confirm its estimated cost, then see what it really cost. */
export function SendTestSmsStep({ apiKey, summary }: { apiKey: string; summary: AccountSummary }) {
  const money = useFormatMoney();
  const testNumbers = useTestNumbers(apiKey);
  const prices = useSmsPrices(apiKey);
  const send = useSendTestSms(apiKey);
  const [pending, setPending] = useState<SmsTestRequest | null>(null);
  const [result, setResult] = useState<SmsTestResult | null>(null);
  const estimateId = useId();

  const verified = useMemo(
    () => (testNumbers.data?.test_numbers ?? []).filter((testNumber) => testNumber.verified),
    [testNumbers.data],
  );
  const demo = summary.demo;
  const blocked = demo && verified.length === 0;

  const {
    register,
    handleSubmit,
    setError,
    setValue,
    getValues,
    control,
    formState: { errors },
  } = useForm({
    resolver: zodResolver(smsTestRequestSchema),
    defaultValues: { to: '', text: 'Hello from Switchboard!' },
  });
  const [to, text] = useWatch({ control, name: ['to', 'text'] });

  // In DEMO mode the destination is one of the verified numbers: pick the first as soon as there is one.
  const firstVerified = verified[0]?.number;
  useEffect(() => {
    if (demo && firstVerified && !verified.some((testNumber) => testNumber.number === getValues('to'))) {
      setValue('to', firstVerified);
    }
  }, [demo, firstVerified, verified, getValues, setValue]);

  const sentText = (text ?? '') + (demo ? DEMO_SUFFIX : '');
  const estimate = estimateSms(sentText);
  const country = demo ? (verified.find((testNumber) => testNumber.number === to)?.country ?? null) : phoneCountry(to ?? '');
  const price = country ? prices.data?.prices.find((entry) => entry.country === country) : undefined;
  const total = price ? price.price * estimate.parts : null;

  const onSubmit = handleSubmit((values) => {
    send.reset();
    setPending(values);
  });

  function confirmSend() {
    if (!pending) return;
    send.mutate(pending, {
      onSuccess: (outcome) => {
        setResult(outcome);
        setPending(null);
      },
      onError: (error) => {
        setPending(null);
        applyServerErrors(error, setError, ['to', 'text']);
      },
    });
  }

  return (
    <Card title="Step 2: Send a test SMS">
      <div className="space-y-5">
        <p className="text-sm text-slate-600">
          Send an SMS from your browser: it is charged to your balance exactly like one sent through the API.
          {demo && <> In demo mode &lsquo;[DEMO]&rsquo; is appended to the text.</>}
        </p>

        <form noValidate onSubmit={onSubmit} className="space-y-4">
          {demo ? (
            blocked ? (
              <Alert variant="info">Verify a test number in step 1 first: in demo mode only they can receive SMS.</Alert>
            ) : (
              <Select
                label="To"
                options={verified.map((testNumber) => ({ value: testNumber.number, label: formatPhone(testNumber.number) }))}
                error={errors.to?.message}
                hint="One of your verified test numbers."
                {...register('to')}
              />
            )
          ) : (
            <TextField
              label="To"
              type="tel"
              autoComplete="off"
              hint="In international format, e.g. +44 7700 900123."
              error={errors.to?.message}
              {...register('to')}
            />
          )}
          <TextArea
            label="Message"
            rows={3}
            maxLength={2000}
            error={errors.text?.message}
            describedById={estimateId}
            {...register('text')}
          />
          <p id={estimateId} className="-mt-2 text-sm text-slate-500">
            {estimate.length} {estimate.encoding === 'text' ? 'characters' : 'code units'}
            {demo && ' with [DEMO]'} · {estimate.parts} {estimate.parts === 1 ? 'part' : 'parts'} (
            {encodingName[estimate.encoding]})
            {price && total !== null && (
              <>
                {' '}
                · about {money(total)}
              </>
            )}
          </p>
          <TextField
            label="Client ref"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            hint="Optional: your own reference, to find the message on the Messages page."
            error={errors.client_ref?.message}
            {...register('client_ref')}
          />
          <FormAlert error={errors.root?.server} />
          <Button type="submit" disabled={blocked}>
            Send test SMS
          </Button>
        </form>

        {result && <SendResult result={result} />}
      </div>

      <ConfirmDialog
        open={pending !== null}
        title="Send this test SMS?"
        confirmLabel="Send SMS"
        variant="primary"
        isPending={send.isPending}
        onConfirm={confirmSend}
        onClose={() => setPending(null)}
      >
        {pending && (
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
            <dt>To</dt>
            <dd className="font-medium text-slate-900">{formatPhone(pending.to)}</dd>
            <dt>Parts</dt>
            <dd className="font-medium text-slate-900">
              {estimate.parts} ({encodingName[estimate.encoding]}
              {demo && ', with [DEMO] appended'})
            </dd>
            <dt>Price</dt>
            <dd className="font-medium text-slate-900">
              {price && total !== null
                ? `${estimate.parts} × ${money(price.price)} = ${money(total)}`
                : 'See the price table: we could not tell the destination country'}
            </dd>
            <dt>Balance after</dt>
            <dd className="font-medium text-slate-900">
              {total !== null ? `about ${money(summary.balance - total)}` : `less than ${money(summary.balance)}`}
            </dd>
          </dl>
        )}
      </ConfirmDialog>
    </Card>
  );
}

function SendResult({ result }: { result: SmsTestResult }) {
  const money = useFormatMoney();
  if (result.status !== 0) {
    const why =
      result.status === 29
        ? 'In demo mode you can send SMS only to your verified test numbers.'
        : result.status === 9
          ? 'Your balance is too low for this message. Top up to continue.'
          : null;
    return (
      <Alert variant="error" title="Not sent">
        <p>
          {result.error_text ?? 'The message was refused.'} (status {result.status})
        </p>
        {why && <p className="mt-1">{why}</p>}
        <p className="mt-1">Nothing was charged.</p>
      </Alert>
    );
  }
  return (
    <Alert variant="success" title="Test SMS sent">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt>To</dt>
        <dd className="font-medium">{formatPhone(result.to)}</dd>
        <dt>Parts</dt>
        <dd className="font-medium">{result.parts}</dd>
        <dt>Price</dt>
        <dd className="font-medium">{money(result.price)}</dd>
        <dt>New balance</dt>
        <dd className="font-medium">{result.remaining_balance === null ? '—' : money(result.remaining_balance)}</dd>
        {result.message_id && (
          <>
            <dt>Message ID</dt>
            <dd className="font-mono text-xs">{result.message_id}</dd>
          </>
        )}
      </dl>
    </Alert>
  );
}
