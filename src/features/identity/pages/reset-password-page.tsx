import { useState } from 'react';
import { passwordResetRequestSchema } from '../../../../contract/identity.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextField } from '../../../components/ui/text-field.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { paths } from '../../../lib/paths.js';
import { useRequestPasswordReset } from '../api/request-password-reset.js';
import { AuthLayout } from '../components/auth-layout.js';

export function ResetPasswordPage() {
  const requestReset = useRequestPasswordReset();
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const {
    register,
    submit,
    formError,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: passwordResetRequestSchema,
    defaultValues: { email: '' },
    onSubmit: async (values) => setConfirmation((await requestReset.mutateAsync(values)).message),
  });

  const footer = (
    <p>
      Remembered it? <TextLink to={paths.signIn.getHref()}>Back to sign in</TextLink>
    </p>
  );

  if (confirmation) {
    return (
      <AuthLayout title="Check your e-mail" footer={footer}>
        <Alert variant="success">{confirmation}</Alert>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Reset your password"
      subtitle="Enter the e-mail address you sign in with and we will send you a link to set a new password."
      footer={footer}
    >
      <form noValidate onSubmit={submit} className="space-y-5">
        <TextField
          label="E-mail"
          type="email"
          autoComplete="email"
          error={errors.email?.message}
          {...register('email')}
        />
        <FormAlert error={formError} />
        <Button type="submit" fullWidth isLoading={isSubmitting}>
          Send reset link
        </Button>
      </form>
    </AuthLayout>
  );
}
