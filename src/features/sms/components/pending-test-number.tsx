import { useId } from 'react';
import { verifyTestNumberRequestSchema, type TestNumber } from '../../../../contract/sms.js';
import { Button } from '../../../components/ui/button.js';
import { TextField } from '../../../components/ui/text-field.js';
import { isApiError } from '../../../lib/api-client.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { formatCountdown, withRetryHint } from '../../../lib/format-countdown.js';
import { useNow } from '../../../lib/use-now.js';
import { useResendTestPin } from '../api/resend-test-pin.js';
import { useVerifyTestNumber } from '../api/verify-test-number.js';
import { formatPhone } from './phone.js';

/** The PIN form of a test number that is not verified yet, with its countdowns and "Resend PIN". */
export function PendingTestNumber({
  apiKey,
  testNumber,
  onVerified,
}: {
  apiKey: string;
  testNumber: TestNumber;
  onVerified: () => void;
}) {
  const now = useNow(1000);
  const verify = useVerifyTestNumber(apiKey, testNumber.id);
  const resend = useResendTestPin(apiKey, testNumber.id);
  const cooldownId = useId();
  const {
    register,
    submit,
    formError,
    reset,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: verifyTestNumberRequestSchema,
    defaultValues: { pin: '' },
    // The reason already says how many attempts are left ("Wrong PIN. 2 attempts left.").
    onSubmit: async (values) => {
      await verify.mutateAsync(values);
      onVerified();
    },
  });

  const expiresIn = testNumber.pin_expires_at ? Date.parse(testNumber.pin_expires_at) - now : 0;
  const resendIn = testNumber.resend_available_at ? Date.parse(testNumber.resend_available_at) - now : 0;
  const usable = expiresIn > 0 && testNumber.attempts_left > 0;
  const cooling = resendIn > 0;

  const hint = !testNumber.pin_expires_at
    ? 'This PIN is no longer valid: request a new one.'
    : expiresIn <= 0
      ? 'This PIN has expired: request a new one.'
      : `Expires in ${formatCountdown(expiresIn)} · ${testNumber.attempts_left} ${testNumber.attempts_left === 1 ? 'attempt' : 'attempts'} left`;

  const resendError = resend.error
    ? isApiError(resend.error)
      ? withRetryHint(resend.error.problem.detail, resend.error.retryAfter)
      : 'We could not send a new PIN. Please try again.'
    : null;

  return (
    <form noValidate onSubmit={submit} className="flex flex-wrap items-start gap-2">
      <TextField
        label={`PIN for ${formatPhone(testNumber.number)}`}
        hideLabel
        placeholder="PIN"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={4}
        className="w-44"
        inputClassName="tracking-[0.3em] tabular-nums"
        hint={hint}
        error={errors.pin?.message ?? formError?.message}
        {...register('pin')}
      />
      <Button type="submit" size="sm" className="mt-1" isLoading={isSubmitting} disabled={!usable}>
        Verify
      </Button>
      <div>
        <Button
          variant="secondary"
          size="sm"
          className="mt-1"
          disabled={cooling}
          isLoading={resend.isPending}
          aria-describedby={cooling ? cooldownId : undefined}
          onClick={() => resend.mutate(undefined, { onSuccess: () => reset({ pin: '' }) })}
        >
          Resend PIN
        </Button>
        {cooling && (
          <p id={cooldownId} className="mt-1 text-xs text-slate-500">
            Available in <span className="tabular-nums">{formatCountdown(resendIn)}</span>
          </p>
        )}
        {resendError && (
          <p role="alert" className="mt-1 max-w-48 text-xs text-red-600">
            {resendError}
          </p>
        )}
      </div>
    </form>
  );
}
