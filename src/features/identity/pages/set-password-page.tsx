import { useId } from 'react';
import { useWatch } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { setPasswordRequestSchema } from '../../../../contract/identity.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextField } from '../../../components/ui/text-field.js';
import { safeNextPath } from '../../../lib/paths.js';
import { useSession } from '../../../lib/session.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useSetPassword } from '../api/set-password.js';
import { AuthLayout } from '../components/auth-layout.js';
import { PasswordChecklist } from '../components/password-checklist.js';

/** A user signed in with a temporary password replaces it here before the console opens. */
export function SetPasswordPage() {
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const navigate = useNavigate();
  const checklistId = useId();
  const { data: session } = useSession();
  const setPassword = useSetPassword({ onSuccess: () => navigate(next, { replace: true }) });
  const { register, control, submit, formError, formState } = useApiForm({
    schema: setPasswordRequestSchema,
    defaultValues: { current_password: '', new_password: '' },
    onSubmit: (values) => setPassword.mutateAsync(values),
  });
  const newPassword = useWatch({ control, name: 'new_password' });

  return (
    <AuthLayout title="Set your password">
      <form noValidate onSubmit={submit} className="space-y-5">
        {session?.user.must_change_password && (
          <Alert variant="info">You signed in with a temporary password. Choose your own to continue.</Alert>
        )}
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={formState.errors.current_password?.message}
          {...register('current_password')}
        />
        <div>
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            error={formState.errors.new_password?.message}
            describedById={checklistId}
            {...register('new_password')}
          />
          <PasswordChecklist id={checklistId} password={newPassword ?? ''} />
        </div>
        <FormAlert error={formError} />
        <Button type="submit" fullWidth isLoading={formState.isSubmitting}>
          Set password
        </Button>
      </form>
    </AuthLayout>
  );
}
