import { useId, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { addTestNumberRequestSchema, type TestNumber } from '../../../../contract/sms.js';
import { Alert } from '../../../components/ui/alert.js';
import { Badge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { Select } from '../../../components/ui/select.js';
import { Table } from '../../../components/ui/table.js';
import { TextField } from '../../../components/ui/text-field.js';
import { callingCodeOf, countryOptions } from '../../../lib/countries.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useAddTestNumber } from '../api/add-test-number.js';
import { useDeleteTestNumber } from '../api/delete-test-number.js';
import { useTestNumbers } from '../api/get-test-numbers.js';
import { PendingTestNumber } from './pending-test-number.js';
import { formatPhone } from './phone.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';

/** Step 1: the numbers a DEMO account may message, each proved with a PIN sent to it. */
export function TestNumbersStep({ apiKey, demo }: { apiKey: string; demo: boolean }) {
  const testNumbers = useTestNumbers(apiKey);
  const remove = useDeleteTestNumber(apiKey);
  const [toRemove, setToRemove] = useState<TestNumber | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const list = testNumbers.data?.test_numbers ?? [];
  const max = testNumbers.data?.max ?? 10;

  return (
    <Card title="Step 1: Add and verify test numbers">
      <div className="space-y-5">
        <p className="text-sm text-slate-600">
          {demo
            ? `While your account is in demo mode, you can send SMS only to your verified test numbers (at most ${max}). `
            : 'Your account is live, so you can message any number; test numbers are still handy for trying things out. '}
          We send each new number a PIN by SMS to check that it is yours.
        </p>

        <AddTestNumberForm
          apiKey={apiKey}
          full={list.length >= max}
          max={max}
          disabled={!testNumbers.data}
          onAdded={(added) => setNotice(`We sent a PIN by SMS to ${formatPhone(added.number)}. Enter it below.`)}
        />
        {notice && <Alert variant="success">{notice}</Alert>}

        {testNumbers.isPending ? (
          <LoadingLine label="Loading test numbers…" />
        ) : testNumbers.isError ? (
          <LoadError message={testNumbers.error.message} onRetry={() => testNumbers.refetch()} />
        ) : list.length === 0 ? (
          <p className="text-sm text-slate-500">No test numbers yet.</p>
        ) : (
          <Table caption="Test numbers" stackOnPhone>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((testNumber) => (
                <tr key={testNumber.id}>
                  <td className="font-medium whitespace-nowrap tabular-nums">{formatPhone(testNumber.number)}</td>
                  <td className="max-sm:justify-self-end">
                    {testNumber.verified ? <Badge tone="success">Verified</Badge> : <Badge tone="warning">Awaiting PIN</Badge>}
                  </td>
                  <td className="max-sm:col-span-2">
                    <div className="flex flex-wrap items-start justify-end gap-3 max-sm:justify-start">
                      {!testNumber.verified && (
                        <PendingTestNumber
                          apiKey={apiKey}
                          testNumber={testNumber}
                          onVerified={() => setNotice(`${formatPhone(testNumber.number)} is verified.`)}
                        />
                      )}
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => {
                          remove.reset();
                          setToRemove(testNumber);
                        }}
                      >
                        Remove
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>

      <ConfirmDialog
        open={toRemove !== null}
        title="Remove this test number?"
        confirmLabel="Remove number"
        isPending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() =>
          toRemove &&
          remove.mutate(toRemove.id, {
            onSuccess: () => {
              setNotice(`${formatPhone(toRemove.number)} was removed from your test numbers.`);
              setToRemove(null);
            },
          })
        }
        onClose={() => setToRemove(null)}
      >
        {toRemove && (
          <p>
            {demo
              ? `While your account is in demo mode, you will no longer be able to send SMS to ${formatPhone(toRemove.number)}. `
              : `${formatPhone(toRemove.number)} leaves your test numbers. `}
            You can add it again later; it will need a new PIN.
          </p>
        )}
      </ConfirmDialog>
    </Card>
  );
}

function AddTestNumberForm({
  apiKey,
  full,
  max,
  disabled,
  onAdded,
}: {
  apiKey: string;
  full: boolean;
  max: number;
  disabled: boolean;
  onAdded: (testNumber: TestNumber) => void;
}) {
  const add = useAddTestNumber(apiKey);
  const fullReasonId = useId();
  const {
    register,
    submit,
    formError,
    control,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: addTestNumberRequestSchema,
    defaultValues: { country: 'GB', number: '' },
    onSubmit: async (values, form) => {
      const added = await add.mutateAsync(values);
      form.reset({ country: values.country, number: '' });
      onAdded(added);
    },
  });
  const country = useWatch({ control, name: 'country' });
  const callingCode = callingCodeOf(country);

  return (
    <form noValidate onSubmit={submit} className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto] sm:items-start">
        <Select label="Country" options={countryOptions} error={errors.country?.message} {...register('country')} />
        <TextField
          label="Phone number"
          type="tel"
          autoComplete="off"
          hint={callingCode ? `National format, or international starting with +${callingCode}.` : undefined}
          error={errors.number?.message}
          {...register('number')}
        />
        <Button
          type="submit"
          className="sm:mt-7"
          isLoading={isSubmitting}
          disabled={disabled || full}
          aria-describedby={full ? fullReasonId : undefined}
        >
          Add test number
        </Button>
      </div>
      {full && (
        <p id={fullReasonId} className="text-sm text-slate-600">
          You have {max} test numbers, the most an account can have. Remove one to add another.
        </p>
      )}
      <FormAlert error={formError} />
    </form>
  );
}
