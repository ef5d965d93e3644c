import { useId, useState } from 'react';
import { MAX_ALERT_RECIPIENTS, updateBalanceAlertRequestSchema, type BalanceAlert } from '../../../../contract/balance-alerts.js';
import { microsToEuros } from '../../../../contract/money.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { LoadError, LoadingLine } from '../../../components/ui/query-state.js';
import { TextField } from '../../../components/ui/text-field.js';
import { Can } from '../../../lib/authorization.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useBalanceAlert } from '../api/get-balance-alert.js';
import { useUpdateBalanceAlert } from '../api/update-balance-alert.js';

/** "Invoice & balance alerts" of one account (the primary, or an own-balance subaccount). */
export function BalanceAlertCard({ apiKey, accountKey, title }: { apiKey: string; accountKey: string; title: string }) {
  const alert = useBalanceAlert(apiKey, accountKey);
  return (
    <Card title={title}>
      {alert.isPending ? (
        <LoadingLine label="Loading the alert…" />
      ) : alert.isError ? (
        <LoadError message={alert.error.message} onRetry={() => alert.refetch()} />
      ) : (
        <BalanceAlertForm key={alert.data.api_key} apiKey={apiKey} alert={alert.data} />
      )}
    </Card>
  );
}

function BalanceAlertForm({ apiKey, alert }: { apiKey: string; alert: BalanceAlert }) {
  const update = useUpdateBalanceAlert(apiKey, alert.api_key);
  const [count, setCount] = useState(Math.max(1, alert.recipients.length));
  const [saved, setSaved] = useState(false);
  const statusId = useId();
  const enabledId = useId();

  const {
    register,
    submit,
    formError,
    getValues,
    setValue,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: updateBalanceAlertRequestSchema,
    defaultValues: { enabled: alert.enabled, threshold: String(alert.threshold), recipients: alert.recipients },
    // The form checked the contract's schema, which turns the threshold into micro-euros; the wire takes euros.
    onSubmit: async (values, form) => {
      setSaved(false);
      const next = await update.mutateAsync({ ...values, threshold: microsToEuros(values.threshold) });
      form.reset({ enabled: next.enabled, threshold: String(next.threshold), recipients: next.recipients });
      setCount(next.recipients.length);
      setSaved(true);
    },
  });

  const remove = (index: number) => {
    const recipients = getValues('recipients').filter((_, i) => i !== index);
    setValue('recipients', recipients);
    setCount(recipients.length);
  };
  const recipientErrors = Array.isArray(errors.recipients) ? errors.recipients : [];

  return (
    <form noValidate onSubmit={submit} className="space-y-5" onChange={() => setSaved(false)}>
      <p className="text-sm text-slate-600">
        We check the balance every hour and send one e-mail each time it falls below the threshold; the alert re-arms once the
        balance is back above it. These addresses also receive invoices.
      </p>
      <div className="flex items-start gap-3">
        <input id={enabledId} type="checkbox" className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600" {...register('enabled')} />
        <label htmlFor={enabledId} className="text-sm font-medium text-slate-800">
          Send a balance alert
        </label>
      </div>
      <TextField
        label="Balance threshold (EUR)"
        inputMode="decimal"
        autoComplete="off"
        className="max-w-xs"
        hint="An e-mail goes out when the balance falls below this amount."
        error={errors.threshold?.message}
        {...register('threshold')}
      />
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">Recipients</legend>
        {Array.from({ length: count }, (_, index) => (
          <div key={index} className="flex items-end gap-2">
            <TextField
              label={`E-mail address ${index + 1}`}
              type="email"
              autoComplete="off"
              spellCheck={false}
              className="min-w-0 flex-1"
              error={recipientErrors[index]?.message}
              {...register(`recipients.${index}`)}
            />
            {count > 1 && (
              <Button variant="secondary" size="sm" className="mb-0.5" onClick={() => remove(index)} aria-label={`Remove e-mail address ${index + 1}`}>
                Remove
              </Button>
            )}
          </div>
        ))}
        {!Array.isArray(errors.recipients) && errors.recipients?.message && (
          <p role="alert" className="text-sm text-red-700">
            {errors.recipients.message}
          </p>
        )}
        {count < MAX_ALERT_RECIPIENTS && (
          <Button variant="secondary" size="sm" onClick={() => setCount(count + 1)}>
            Add an e-mail address
          </Button>
        )}
      </fieldset>
      <FormAlert error={formError} />
      <div className="flex flex-wrap items-center gap-3">
        <Can permission="billing:write">
          {(can) => (
            <Button type="submit" isLoading={isSubmitting} aria-describedby={statusId} {...can}>
              Save alert
            </Button>
          )}
        </Can>
        <p id={statusId} role="status" className="text-sm font-medium text-emerald-700">
          {saved ? 'Saved' : ''}
        </p>
      </div>
      {alert.enabled && alert.alerted_at && (
        <p className="text-sm text-slate-600">
          The balance is below the threshold: the alert went out {formatDateTime(alert.alerted_at)} and re-arms when the balance
          recovers.
        </p>
      )}
    </form>
  );
}
