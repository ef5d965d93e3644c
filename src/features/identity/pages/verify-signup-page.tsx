import { useId, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { verifyPinRequestSchema, type PinChannel, type SignupStatus } from '../../../../contract/identity.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { PageSpinner } from '../../../components/ui/spinner.js';
import { TextField } from '../../../components/ui/text-field.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { isApiError } from '../../../lib/api-client.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { paths, type HomeState } from '../../../lib/paths.js';
import { useNow } from '../../../lib/use-now.js';
import { useSignup } from '../api/get-signup.js';
import { useResendPin } from '../api/resend-pin.js';
import { attemptsLeftOf, useVerifySignup } from '../api/verify-signup.js';
import { AuthLayout } from '../components/auth-layout.js';
import { formatCountdown, withRetryHint } from '../../../lib/format-countdown.js';

const TITLE = 'Verify your phone number';

export function VerifySignupPage() {
  const { signupId = '' } = useParams();
  const signup = useSignup(signupId);

  if (signup.isPending) {
    return (
      <AuthLayout title={TITLE}>
        <PageSpinner />
      </AuthLayout>
    );
  }
  if (signup.isError) {
    const notFound = isApiError(signup.error, 404) || isApiError(signup.error, 422) || isApiError(signup.error, 400);
    return (
      <AuthLayout
        title={TITLE}
        footer={
          <p>
            <TextLink to={paths.signUp.getHref()}>Start a new sign-up</TextLink>
          </p>
        }
      >
        <Alert variant="error">
          {notFound ? 'This verification link is not valid. Please sign up again.' : signup.error.message}
        </Alert>
        {!notFound && (
          <Button variant="secondary" className="mt-4" onClick={() => signup.refetch()}>
            Try again
          </Button>
        )}
      </AuthLayout>
    );
  }
  if (signup.data.status !== 'pending') {
    const verified = signup.data.status === 'verified';
    return (
      <AuthLayout
        title={verified ? 'Phone number verified' : 'Your sign-up awaits manual review'}
        footer={
          <p>
            <TextLink to={paths.signIn.getHref()}>Go to sign in</TextLink>
          </p>
        }
      >
        <Alert variant="info">
          {verified
            ? 'This sign-up is already verified. Sign in with your e-mail and password.'
            : 'We will e-mail you as soon as your account has been reviewed.'}
        </Alert>
      </AuthLayout>
    );
  }
  return <VerifyPinForm signupId={signupId} status={signup.data} receivedAt={signup.dataUpdatedAt} />;
}

const channelName: Record<PinChannel, string> = { sms: 'by SMS', voice: 'by voice call' };

function VerifyPinForm({ signupId, status, receivedAt }: { signupId: string; status: SignupStatus; receivedAt: number }) {
  const navigate = useNavigate();
  // Countdowns run on the server's clock: shift ours by the difference seen when the status arrived.
  const offset = Date.parse(status.server_time) - receivedAt;
  const now = useNow(1000) + offset;
  const expiresIn = Date.parse(status.expires_at) - now;
  const resendIn = Date.parse(status.resend_available_at) - now;
  const expired = expiresIn <= 0;
  const exhausted = status.attempts_left <= 0;
  const [resendNotice, setResendNotice] = useState<string | null>(null);
  const cooldownId = useId();

  const verify = useVerifySignup(signupId, {
    onSuccess: ({ api_secret }) =>
      navigate(paths.home.getHref(), { replace: true, state: { api_secret } satisfies HomeState }),
  });
  const resend = useResendPin(signupId);

  const {
    register,
    submit,
    formError,
    reset,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: verifyPinRequestSchema,
    defaultValues: { pin: '' },
    onSubmit: (values) => {
      setResendNotice(null);
      return verify.mutateAsync(values);
    },
    describeError: (_name, reason, error) => {
      const attemptsLeft = attemptsLeftOf(error);
      if (attemptsLeft === undefined || /attempt/i.test(reason)) return reason;
      if (attemptsLeft === 0) return `${reason} No attempts left: request a new PIN.`;
      return `${reason} ${attemptsLeft} ${attemptsLeft === 1 ? 'attempt' : 'attempts'} left.`;
    },
  });

  function sendAgain(channel: PinChannel) {
    setResendNotice(null);
    resend.mutate(
      { channel },
      {
        onSuccess: (next) => {
          reset({ pin: '' });
          setResendNotice(
            next.channel === 'voice'
              ? `We are calling ${next.phone_masked} with a new PIN.`
              : `We sent a new PIN to ${next.phone_masked}.`,
          );
        },
      },
    );
  }

  const otherChannel: PinChannel = status.channel === 'sms' ? 'voice' : 'sms';
  const cooling = resendIn > 0;
  const resendError = resend.error
    ? isApiError(resend.error)
      ? withRetryHint(resend.error.problem.detail, resend.error.retryAfter)
      : 'We could not send a new PIN. Please try again.'
    : null;

  return (
    <AuthLayout
      title={TITLE}
      subtitle={
        <p>
          We sent a PIN to <span className="font-medium whitespace-nowrap text-slate-900">{status.phone_masked}</span>{' '}
          {channelName[status.channel]}.
        </p>
      }
      footer={
        <p>
          Wrong number? <TextLink to={paths.signUp.getHref()}>Start again</TextLink>
        </p>
      }
    >
      <form noValidate onSubmit={submit} className="space-y-5">
        {resendNotice && <Alert variant="success">{resendNotice}</Alert>}
        <TextField
          label="PIN"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={4}
          inputClassName="max-w-40 text-lg tracking-[0.4em] tabular-nums"
          error={errors.pin?.message}
          hint={
            <>
              {expired ? (
                <span>This PIN has expired. Request a new one below.</span>
              ) : (
                <span>
                  Expires in <span className="font-medium tabular-nums">{formatCountdown(expiresIn)}</span>
                </span>
              )}
              <span aria-hidden="true"> · </span>
              <span>
                {status.attempts_left} {status.attempts_left === 1 ? 'attempt' : 'attempts'} left
              </span>
            </>
          }
          {...register('pin')}
        />
        <FormAlert error={formError} />
        <Button type="submit" fullWidth isLoading={isSubmitting} disabled={expired || exhausted}>
          Verify
        </Button>
      </form>

      <div className="mt-6 border-t border-slate-100 pt-5">
        <p className="text-sm text-slate-600">Didn’t get it?</p>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <Button
            variant="secondary"
            size="sm"
            disabled={cooling}
            isLoading={resend.isPending && resend.variables?.channel === status.channel}
            aria-describedby={cooling ? cooldownId : undefined}
            onClick={() => sendAgain(status.channel)}
          >
            Resend PIN
          </Button>
          <Button
            variant="ghost"
            size="sm"
            disabled={cooling}
            isLoading={resend.isPending && resend.variables?.channel === otherChannel}
            aria-describedby={cooling ? cooldownId : undefined}
            onClick={() => sendAgain(otherChannel)}
          >
            {otherChannel === 'voice' ? 'Call me instead' : 'Send an SMS instead'}
          </Button>
        </div>
        {cooling && (
          <p id={cooldownId} className="mt-2 text-sm text-slate-500">
            You can request a new PIN in <span className="tabular-nums">{formatCountdown(resendIn)}</span>.
          </p>
        )}
        {resendError && (
          <Alert variant="error" className="mt-3">
            {resendError}
          </Alert>
        )}
      </div>
    </AuthLayout>
  );
}
