import { useId, useState } from 'react';
import { settingsRequestSchema, type Settings } from '../../../../contract/account-api.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useAccountSettings } from '../api/get-account-settings.js';
import { useUpdateAccountSettings, type SettingsUpdate } from '../api/update-account-settings.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';
import { Can } from '../../../lib/authorization.js';

type Field = 'moCallBackUrl' | 'drCallBackUrl';
type Outcome = 'saved' | 'removed';

const fields: ReadonlyArray<{ name: Field; setting: 'mo-callback-url' | 'dr-callback-url'; label: string; hint: string }> = [
  {
    name: 'moCallBackUrl',
    setting: 'mo-callback-url',
    label: 'Inbound SMS webhook',
    hint: 'Where we send the SMS your numbers receive, unless a number has its own webhook.',
  },
  {
    name: 'drCallBackUrl',
    setting: 'dr-callback-url',
    label: 'Delivery receipt webhook',
    hint: 'Where we send delivery receipts for the SMS you send.',
  },
];

// The contract's request schema, plus a URL check so that a typo is caught before the server probes it.
const webhooksFormSchema = settingsRequestSchema.superRefine((value, context) => {
  for (const { name } of fields) {
    const url = value[name];
    if (url && !isHttpUrl(url)) context.addIssue({ code: 'custom', path: [name], message: 'Enter a URL starting with http:// or https://' });
  }
});

/** The account's default webhooks; each new URL must answer 200 OK before it is saved. */
export function WebhooksCard({ apiKey }: { apiKey: string }) {
  const settings = useAccountSettings(apiKey);
  return (
    <Card title="Default webhooks">
      {settings.isPending ? (
        <LoadingLine label="Loading webhooks…" />
      ) : settings.isError ? (
        <LoadError message={settings.error.message} onRetry={() => settings.refetch()} />
      ) : (
        <WebhooksForm apiKey={apiKey} settings={settings.data} />
      )}
    </Card>
  );
}

function WebhooksForm({ apiKey, settings }: { apiKey: string; settings: Settings }) {
  const update = useUpdateAccountSettings(apiKey);
  const [outcomes, setOutcomes] = useState<Partial<Record<Field, Outcome>>>({});
  const statusIds = { moCallBackUrl: useId(), drCallBackUrl: useId() };
  const saved = (name: Field) => settings[fields.find((field) => field.name === name)!.setting];

  const {
    register,
    submit,
    formError,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: webhooksFormSchema,
    defaultValues: { moCallBackUrl: settings['mo-callback-url'], drCallBackUrl: settings['dr-callback-url'] },
    onSubmit: async (values, form) => {
      setOutcomes({});
      // Only changed URLs are sent (and probed); with nothing changed, both are checked again.
      const changed = fields.filter(({ name }) => (values[name] ?? '') !== saved(name)).map(({ name }) => name);
      const sent = changed.length > 0 ? changed : fields.map(({ name }) => name);
      const body: SettingsUpdate = Object.fromEntries(sent.map((name) => [name, values[name] ?? '']));
      const next = await update.mutateAsync(body);
      form.reset({ moCallBackUrl: next['mo-callback-url'], drCallBackUrl: next['dr-callback-url'] });
      setOutcomes(Object.fromEntries(sent.map((name): [Field, Outcome] => [name, body[name] ? 'saved' : 'removed'])));
    },
    // The probe's verdict ("did not answer 200 OK") lands on the field it is about.
    describeError: (_name, reason) => (/^[a-z]/.test(reason) ? `Not saved: the URL ${reason}.` : reason),
  });

  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      <p className="text-sm text-slate-600">
        Before saving a URL we send it a GET request: it must answer <span className="font-medium">200 OK</span>. Leave a
        field empty to remove its webhook.
      </p>
      {fields.map(({ name, label, hint }) => (
        <div key={name}>
          <TextField
            label={label}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://example.com/webhooks/…"
            hint={
              <>
                {hint} API setting: <code className="font-mono text-xs text-slate-700">{name}</code>.
              </>
            }
            error={errors[name]?.message}
            describedById={statusIds[name]}
            {...register(name, { onChange: () => setOutcomes((current) => ({ ...current, [name]: undefined })) })}
          />
          <p id={statusIds[name]} role="status" className="mt-1 text-sm font-medium text-emerald-700">
            {outcomes[name] === 'saved'
              ? 'Saved: the URL answered 200 OK'
              : outcomes[name] === 'removed'
                ? 'Removed: no webhook is set'
                : ''}
          </p>
        </div>
      ))}
      <FormAlert error={formError} />
      <Can permission="api_settings:write">
        {(can) => (
          <Button type="submit" isLoading={isSubmitting} {...can}>
            Save webhooks
          </Button>
        )}
      </Can>
    </form>
  );
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
