import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import type { SignInRequest } from '../../../../contract/identity.js';
import { TWO_FACTOR_REQUIRED } from '../../../../contract/two-factor-required.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextField } from '../../../components/ui/text-field.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { isApiError } from '../../../lib/api-client.js';
import { applyServerErrors, FORM_ERROR } from '../../../lib/form-errors.js';
import { lazyResolver } from '../../../lib/lazy-resolver.js';
import { paths, safeNextPath, type SignInState } from '../../../lib/paths.js';
import { useSignIn } from '../api/sign-in.js';
import { AuthLayout } from '../components/auth-layout.js';
import { withRetryHint } from '../../../lib/format-countdown.js';

// Validation code loads when the form is first used, keeping zod out of the sign-in route's bundle.
const signInResolver = lazyResolver<SignInRequest, SignInRequest>(async () => {
  const [{ zodResolver }, { signInRequestSchema }] = await Promise.all([
    import('@hookform/resolvers/zod'),
    import('../../../../contract/identity.js'),
  ]);
  return zodResolver(signInRequestSchema);
});

export function SignInPage() {
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const notice = (useLocation().state as SignInState | null)?.notice;
  const navigate = useNavigate();
  const signIn = useSignIn({ onSuccess: () => navigate(next, { replace: true }) });
  // Asked for only once the password proved right for a user with two-factor sign-in.
  const [needsCode, setNeedsCode] = useState(false);

  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: signInResolver, defaultValues: { email: '', password: '' } });

  const onSubmit = handleSubmit(async (values) => {
    try {
      await signIn.mutateAsync(values);
    } catch (error) {
      if (isApiError(error, 401) && error.problem.type === TWO_FACTOR_REQUIRED) {
        if (needsCode) setError('code', { type: 'server', message: error.problem.detail }, { shouldFocus: true });
        setNeedsCode(true);
        return;
      }
      if (isApiError(error, 429)) {
        setError(FORM_ERROR, { type: '429', message: withRetryHint(error.problem.detail, error.retryAfter) });
        return;
      }
      applyServerErrors(error, setError, ['email', 'password']);
    }
  });

  return (
    <AuthLayout
      title="Sign in to Switchboard"
      footer={
        <p>
          New to Switchboard? <TextLink to={paths.signUp.getHref()}>Create an account</TextLink>
        </p>
      }
    >
      <form
        noValidate
        onSubmit={onSubmit}
        onFocus={signInResolver.preload}
        onPointerDown={signInResolver.preload}
        className="space-y-5"
      >
        {notice && <Alert variant="success">{notice}</Alert>}
        <TextField
          label="E-mail"
          type="email"
          autoComplete="email"
          error={errors.email?.message}
          {...register('email')}
        />
        <div>
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            error={errors.password?.message}
            {...register('password')}
          />
          <p className="mt-2 text-right text-sm">
            <TextLink to={paths.resetPassword.getHref()}>Forgot your password?</TextLink>
          </p>
        </div>
        {needsCode && (
          <TextField
            label="Code from your authenticator app"
            hint="The 6-digit code your app shows now, or one of your recovery codes."
            inputMode="text"
            autoComplete="one-time-code"
            autoFocus
            error={errors.code?.message}
            {...register('code')}
          />
        )}
        <FormAlert error={errors.root?.server} />
        <Button type="submit" fullWidth isLoading={isSubmitting}>
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}
