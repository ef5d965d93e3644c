import { useId, useState } from 'react';
import { updateAutoReloadRequestSchema, type AutoReload } from '../../../../contract/auto-reload.js';
import { microsToEuros } from '../../../../contract/money.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { Money } from '../../../components/ui/money.js';
import { LoadError, LoadingLine } from '../../../components/ui/query-state.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { Can } from '../../../lib/authorization.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useAutoReload } from '../api/get-auto-reload.js';
import { useResumeAutoReload } from '../api/resume-auto-reload.js';
import { useUpdateAutoReload } from '../api/update-auto-reload.js';
import { declineText, shortDateTime, updateWords } from './auto-reload-words.js';

/** Seed 004 "Auto reload your account balance": on/off, the method, the amount and the balance threshold, and where it stands. */
export function AutoReloadCard({ apiKey }: { apiKey: string }) {
  const settings = useAutoReload(apiKey);
  return (
    <Card title="Auto-reload">
      {settings.isPending ? (
        <LoadingLine label="Loading auto-reload…" />
      ) : settings.isError ? (
        <LoadError message={settings.error.message} onRetry={() => settings.refetch()} />
      ) : (
        <div className="space-y-5">
          <AutoReloadStatus apiKey={apiKey} settings={settings.data} />
          {/* A method added or removed elsewhere gives the form new choices and defaults. */}
          <AutoReloadForm key={settings.data.methods.map((method) => method.id).join()} apiKey={apiKey} settings={settings.data} />
        </div>
      )}
    </Card>
  );
}

/** The state machine in words: off, armed, charging, failing(n) with the next attempt, paused with why. */
function AutoReloadStatus({ apiKey, settings }: { apiKey: string; settings: AutoReload }) {
  const resume = useResumeAutoReload(apiKey);
  const reloaded = settings.last_reload && (
    <>
      {' '}
      Last reload: <Money amount={settings.last_reload.amount} /> on {shortDateTime(settings.last_reload.at)}.
    </>
  );
  const resumeButton = (
    <Can permission="billing:write">
      {(can) => (
        <Button variant="secondary" size="sm" isLoading={resume.isPending} onClick={() => resume.mutate()} {...can}>
          Resume
        </Button>
      )}
    </Can>
  );
  switch (settings.state) {
    case 'off':
      return <Alert variant="info">Auto-reload is off: the balance is only topped up when you pay.</Alert>;
    case 'armed':
      return (
        <Alert variant="success" title="Auto-reload is on">
          We check the balance every 10 minutes and add <Money amount={settings.amount} /> from {settings.method_label} when it falls below{' '}
          <Money amount={settings.threshold} />.{reloaded}
        </Alert>
      );
    case 'charging':
      return (
        <Alert variant="info" title="Reloading">
          <Money amount={settings.amount} /> is being charged to {settings.method_label}.
        </Alert>
      );
    case 'failing':
      return (
        <Alert variant="warning" title={`Auto-reload failing (${settings.failures} ${settings.failures === 1 ? 'decline' : 'declines'})`}>
          <p>
            Last attempt: {declineText(settings)}. We try again {settings.retry_at ? `after ${shortDateTime(settings.retry_at)}` : 'soon'}; after three
            declined retries auto-reload pauses.
          </p>
          <div className="mt-2">{resumeButton}</div>
        </Alert>
      );
    case 'paused':
      return (
        <Alert variant="error" title="Auto-reload paused">
          <p>
            Auto-reload paused: {declineText(settings)} — {updateWords(settings)}. Choose another payment method below, or resume to try this one
            again.
          </p>
          <div className="mt-2">{resumeButton}</div>
          {resume.isError && <p className="mt-2">{resume.error.message}</p>}
        </Alert>
      );
  }
}

function AutoReloadForm({ apiKey, settings }: { apiKey: string; settings: AutoReload }) {
  const update = useUpdateAutoReload(apiKey);
  const [saved, setSaved] = useState(false);
  const statusId = useId();
  const enabledId = useId();
  const defaults = {
    enabled: settings.state !== 'off',
    method_id: settings.method_id ?? settings.methods[0]?.id ?? '',
    amount: String(settings.amount),
    threshold: String(settings.threshold),
  };
  const {
    register,
    submit,
    formError,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: updateAutoReloadRequestSchema,
    defaultValues: defaults,
    // The contract's schema turns the amounts into micro-euros; the wire takes euros.
    onSubmit: async (values) => {
      setSaved(false);
      await update.mutateAsync({ ...values, amount: microsToEuros(values.amount), threshold: microsToEuros(values.threshold) });
      setSaved(true);
    },
  });

  if (settings.methods.length === 0) {
    return <p className="text-sm text-slate-600">Add a card or a PayPal account on the Billing page first: auto-reload charges one of them.</p>;
  }
  return (
    <form noValidate onSubmit={submit} className="space-y-5" onChange={() => setSaved(false)}>
      <p className="text-sm text-slate-600">
        When the balance falls below the threshold we add the amount from the method you choose. While auto-reload is on, the API
        can also reload at once (<code>POST /account/top-up</code>).
      </p>
      <div className="flex items-start gap-3">
        <input id={enabledId} type="checkbox" className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600" {...register('enabled')} />
        <label htmlFor={enabledId} className="text-sm font-medium text-slate-800">
          Reload automatically
        </label>
      </div>
      <div id="auto-reload-method" className="scroll-mt-24">
        <Select
          label="Payment method"
          options={settings.methods.map((method) => ({ value: method.id, label: method.label }))}
          hint="Choosing another method re-arms a paused auto-reload."
          error={errors.method_id?.message}
          className="max-w-sm"
          {...register('method_id')}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Amount (EUR)"
          inputMode="decimal"
          autoComplete="off"
          hint="€10 to €10 000 each time."
          error={errors.amount?.message}
          {...register('amount')}
        />
        <TextField
          label="Balance threshold (EUR)"
          inputMode="decimal"
          autoComplete="off"
          hint="We reload when the balance falls below it."
          error={errors.threshold?.message}
          {...register('threshold')}
        />
      </div>
      <FormAlert error={formError} />
      <div className="flex flex-wrap items-center gap-3">
        <Can permission="billing:write">
          {(can) => (
            <Button type="submit" isLoading={isSubmitting} aria-describedby={statusId} {...can}>
              Save auto-reload
            </Button>
          )}
        </Can>
        <p id={statusId} role="status" className="text-sm font-medium text-emerald-700">
          {saved ? 'Saved' : ''}
        </p>
      </div>
    </form>
  );
}
