import { useWatch } from 'react-hook-form';
import { configureNumberRequestSchema, type ConfigureNumberRequest, type ConsoleNumber } from '../../../../contract/numbers.js';
import { Dialog, DialogFormActions } from '../../../components/ui/dialog.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useConfigureNumber } from '../api/configure-number.js';
import { formatMsisdn } from './family-account.js';

const voiceOptions = [
  { value: '', label: 'Not forwarded (the application decides)' },
  { value: 'tel', label: 'Forward to a phone number (tel)' },
  { value: 'sip', label: 'Forward to a SIP URI (sip)' },
  { value: 'app', label: 'An application (app, deprecated)' },
];

const valueHints: Record<string, string> = {
  tel: 'An E.164 number, with or without the +: 447700900000',
  sip: 'A SIP URI: sip:desk@pbx.example.com',
  app: 'The application’s id',
  '': 'Choose a type first',
};

/** Edit a rented number: its description, application, inbound SMS webhook (probed by the server) and voice callbacks. */
export function EditNumberDialog({ apiKey, number, onClose, onSaved }: { apiKey: string; number: ConsoleNumber | null; onClose: () => void; onSaved: (message: string) => void }) {
  const configure = useConfigureNumber(apiKey);
  return (
    <Dialog open={number !== null} title={number ? `Edit ${formatMsisdn(number.msisdn)}` : ''} busy={configure.isPending} size="lg" onClose={onClose}>
      {number && (
        <EditNumberForm
          number={number}
          onCancel={onClose}
          onSubmit={async (body) => {
            await configure.mutateAsync({ account: number.account.api_key, msisdn: number.msisdn, body });
            onSaved(`${formatMsisdn(number.msisdn)} saved.`);
          }}
        />
      )}
    </Dialog>
  );
}

function EditNumberForm({ number, onCancel, onSubmit }: { number: ConsoleNumber; onCancel: () => void; onSubmit: (body: ConfigureNumberRequest) => Promise<void> }) {
  const form = useApiForm<ConfigureNumberRequest>({
    schema: configureNumberRequestSchema,
    defaultValues: {
      description: number.description,
      app_id: number.app_id,
      mo_http_url: number.mo_http_url,
      voice_callback_type: number.voice_callback_type ?? '',
      voice_callback_value: number.voice_callback_value,
      voice_status_callback: number.voice_status_callback,
    },
    onSubmit: (values) => onSubmit(values),
  });
  const { errors, isSubmitting } = form.formState;
  const voiceType = useWatch({ control: form.control, name: 'voice_callback_type' });
  return (
    <form noValidate onSubmit={form.submit} className="space-y-4">
      <TextField label="Description" maxLength={200} error={errors.description?.message} {...form.register('description')} />
      <TextField
        label="Inbound SMS webhook"
        type="url"
        placeholder="https://example.com/webhooks/inbound-sms"
        hint="Switchboard sends a GET first and saves it only if it answers 200 OK. Empty: the account’s default webhook."
        error={errors.mo_http_url?.message}
        {...form.register('mo_http_url')}
      />
      <TextField label="Application ID" hint="The application that handles inbound traffic." error={errors.app_id?.message} {...form.register('app_id')} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Select label="Voice callback type" options={voiceOptions} error={errors.voice_callback_type?.message} {...form.register('voice_callback_type')} />
        <TextField label="Voice callback value" hint={valueHints[voiceType]} error={errors.voice_callback_value?.message} {...form.register('voice_callback_value')} />
      </div>
      <TextField
        label="Voice status webhook"
        type="url"
        placeholder="https://example.com/webhooks/status"
        hint="Called when a call ends."
        error={errors.voice_status_callback?.message}
        {...form.register('voice_status_callback')}
      />
      <DialogFormActions formError={form.formError} submitting={isSubmitting} submitLabel="Save number" onCancel={onCancel} />
    </form>
  );
}
