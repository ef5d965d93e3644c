import { useState } from 'react';
import { confirmTwoFactorRequestSchema, type TwoFactorEnrolment } from '../../../../contract/profile.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useConfirmTwoFactorEnrolment } from '../api/confirm-two-factor-enrolment.js';
import { useStartTwoFactorEnrolment } from '../api/start-two-factor-enrolment.js';

/**
 * Turning two-factor sign-in on: scan the QR code (or type the secret), confirm with the app's code,
 * then keep the ten recovery codes, shown this once. `onStart` runs as the set-up begins (so that the
 * page keeps this flow on screen until the codes are saved); `onDone` when the user has saved them.
 */
export function TwoFactorEnrolmentFlow({ apiKey, onStart, onDone }: { apiKey: string; onStart?: () => void; onDone: () => void }) {
  const start = useStartTwoFactorEnrolment();
  const [enrolment, setEnrolment] = useState<TwoFactorEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes) {
    return (
      <div className="space-y-4">
        <Alert variant="success" title="Two-factor sign-in is on">
          Keep these recovery codes somewhere safe: each one signs you in once if you lose your phone. They are shown only now.
        </Alert>
        <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-md bg-slate-50 p-4 font-mono text-sm text-slate-900 sm:grid-cols-5">
          {recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <Button onClick={onDone}>I have saved my recovery codes</Button>
      </div>
    );
  }
  if (!enrolment) {
    return (
      <div className="space-y-3">
        {start.isError && <Alert variant="error">{start.error.message}</Alert>}
        <Button
          isLoading={start.isPending}
          onClick={() => {
            onStart?.();
            start.mutate(undefined, { onSuccess: setEnrolment });
          }}
        >
          Set up an authenticator app
        </Button>
      </div>
    );
  }
  return <ConfirmEnrolment apiKey={apiKey} enrolment={enrolment} onConfirmed={setRecoveryCodes} />;
}

function ConfirmEnrolment({ apiKey, enrolment, onConfirmed }: { apiKey: string; enrolment: TwoFactorEnrolment; onConfirmed: (codes: string[]) => void }) {
  const confirm = useConfirmTwoFactorEnrolment(apiKey);
  const { register, submit, formError, formState } = useApiForm({
    schema: confirmTwoFactorRequestSchema,
    defaultValues: { code: '' },
    onSubmit: async (values) => onConfirmed((await confirm.mutateAsync(values)).recovery_codes),
  });
  return (
    <form noValidate onSubmit={submit} className="space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>Scan this QR code with your authenticator app (Google Authenticator, 1Password, Authy…).</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <div className="flex flex-wrap items-start gap-6">
        <img
          src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qr_svg)}`}
          alt="QR code for your authenticator app"
          width={176}
          height={176}
          className="rounded-md ring-1 ring-slate-200"
        />
        <div className="min-w-0 text-sm text-slate-700">
          <p>Cannot scan? Type this key into the app:</p>
          <p className="mt-1 font-mono break-all text-slate-900" aria-label="Key for your authenticator app">
            {enrolment.secret}
          </p>
        </div>
      </div>
      <TextField label="Code from your app" inputMode="numeric" autoComplete="one-time-code" maxLength={6} error={formState.errors.code?.message} {...register('code')} />
      <FormAlert error={formError} />
      <Button type="submit" isLoading={formState.isSubmitting}>
        Turn on two-factor sign-in
      </Button>
    </form>
  );
}
