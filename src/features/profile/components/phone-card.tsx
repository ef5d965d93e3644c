import { useState } from 'react';
import { phoneChangeRequestSchema, verifyPhoneChangeRequestSchema, type PhoneChangeStatus, type Profile } from '../../../../contract/profile.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { countryOptions } from '../../../lib/countries.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useStartPhoneChange } from '../api/start-phone-change.js';
import { useVerifyPhoneChange } from '../api/verify-phone-change.js';

/** A new phone number is verified with a PIN sent to it, as at sign-up; a number belongs to one account only. */
export function PhoneCard({ apiKey, profile }: { apiKey: string; profile: Profile }) {
  const [pending, setPending] = useState<PhoneChangeStatus | null>(null);
  const [changed, setChanged] = useState(false);
  return (
    <Card title="Phone number">
      <p className="text-sm text-slate-700">
        {profile.phone ? (
          <>
            Your verified number is <span className="font-medium text-slate-900 tabular-nums">{profile.phone}</span>.
          </>
        ) : (
          'You have no verified phone number yet.'
        )}
      </p>
      {changed && (
        <Alert variant="success" className="mt-3">
          Phone number verified and saved.
        </Alert>
      )}
      {pending ? (
        <PinForm
          apiKey={apiKey}
          status={pending}
          onVerified={() => {
            setPending(null);
            setChanged(true);
          }}
          onCancel={() => setPending(null)}
        />
      ) : (
        <NumberForm
          onSent={(status) => {
            setChanged(false);
            setPending(status);
          }}
        />
      )}
    </Card>
  );
}

function NumberForm({ onSent }: { onSent: (status: PhoneChangeStatus) => void }) {
  const start = useStartPhoneChange();
  const { register, submit, formError, formState } = useApiForm({
    schema: phoneChangeRequestSchema,
    defaultValues: { country: 'GB', phone: '' },
    onSubmit: async (values) => onSent(await start.mutateAsync(values)),
  });
  return (
    <form noValidate onSubmit={submit} className="mt-4 space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Select label="Country" options={countryOptions} error={formState.errors.country?.message} {...register('country')} />
        <TextField label="New phone number" type="tel" autoComplete="tel-national" error={formState.errors.phone?.message} {...register('phone')} />
      </div>
      <FormAlert error={formError} />
      <Button type="submit" isLoading={formState.isSubmitting}>
        Send PIN
      </Button>
    </form>
  );
}

function PinForm({ apiKey, status, onVerified, onCancel }: { apiKey: string; status: PhoneChangeStatus; onVerified: () => void; onCancel: () => void }) {
  const verify = useVerifyPhoneChange(apiKey);
  const { register, submit, formError, formState } = useApiForm({
    schema: verifyPhoneChangeRequestSchema,
    defaultValues: { pin: '' },
    onSubmit: async (values) => {
      await verify.mutateAsync(values);
      onVerified();
    },
  });
  return (
    <form noValidate onSubmit={submit} className="mt-4 space-y-4">
      <Alert variant="info">We sent a 4-digit PIN by SMS to {status.phone_masked}. It is valid for 5 minutes.</Alert>
      <TextField label="PIN" inputMode="numeric" autoComplete="one-time-code" maxLength={4} error={formState.errors.pin?.message} {...register('pin')} />
      <FormAlert error={formError} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" isLoading={formState.isSubmitting}>
          Verify
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Use another number
        </Button>
      </div>
    </form>
  );
}
