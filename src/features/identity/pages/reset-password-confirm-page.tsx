import { useId } from 'react';
import { useWatch } from 'react-hook-form';
import { useLocation, useNavigate } from 'react-router-dom';
import { passwordResetConfirmSchema } from '../../../../contract/identity.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextField } from '../../../components/ui/text-field.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { paths, type SignInState } from '../../../lib/paths.js';
import { useConfirmPasswordReset } from '../api/confirm-password-reset.js';
import { AuthLayout } from '../components/auth-layout.js';
import { PasswordChecklist } from '../components/password-checklist.js';

// The token comes from the link, so the form itself only holds the new password.
const newPasswordSchema = passwordResetConfirmSchema.pick({ password: true });

export function ResetPasswordConfirmPage() {
  const token = new URLSearchParams(useLocation().hash.slice(1)).get('token') ?? '';
  const navigate = useNavigate();
  const checklistId = useId();
  const confirmReset = useConfirmPasswordReset({
    onSuccess: () =>
      navigate(paths.signIn.getHref(), {
        replace: true,
        state: { notice: 'Your password has been changed. Sign in with your new password.' } satisfies SignInState,
      }),
  });

  const {
    register,
    submit,
    formError,
    control,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: newPasswordSchema,
    // A problem on `token` (expired or used link) is not a field here: its detail goes in the alert.
    defaultValues: { password: '' },
    onSubmit: ({ password: newPassword }) => confirmReset.mutateAsync({ token, password: newPassword }),
  });
  const password = useWatch({ control, name: 'password' });

  return (
    <AuthLayout
      title="Choose a new password"
      footer={
        <p>
          <TextLink to={paths.signIn.getHref()}>Back to sign in</TextLink>
        </p>
      }
    >
      <form noValidate onSubmit={submit} className="space-y-5">
        <div>
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            error={errors.password?.message}
            describedById={checklistId}
            {...register('password')}
          />
          <PasswordChecklist id={checklistId} password={password ?? ''} />
        </div>
        {formError && (
          <div className="space-y-2">
            <FormAlert error={formError} />
            <p className="text-sm">
              <TextLink to={paths.resetPassword.getHref()}>Request a new reset link</TextLink>
            </p>
          </div>
        )}
        <Button type="submit" fullWidth isLoading={isSubmitting}>
          Set new password
        </Button>
      </form>
    </AuthLayout>
  );
}
