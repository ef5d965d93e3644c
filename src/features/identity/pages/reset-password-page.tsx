import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { passwordResetRequestSchema } from '../../../../contract/identity.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextField } from '../../../components/ui/text-field.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { applyServerErrors } from '../../../lib/form-errors.js';
import { paths } from '../../../lib/paths.js';
import { useRequestPasswordReset } from '../api/request-password-reset.js';
import { AuthLayout } from '../components/auth-layout.js';

export function ResetPasswordPage() {
  const requestReset = useRequestPasswordReset();
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(passwordResetRequestSchema), defaultValues: { email: '' } });

  const onSubmit = handleSubmit(async (values) => {
    try {
      const { message } = await requestReset.mutateAsync(values);
      setConfirmation(message);
    } catch (error) {
      applyServerErrors(error, setError, ['email']);
    }
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
      <form noValidate onSubmit={onSubmit} className="space-y-5">
        <TextField
          label="E-mail"
          type="email"
          autoComplete="email"
          error={errors.email?.message}
          {...register('email')}
        />
        <FormAlert error={errors.root?.server} />
        <Button type="submit" fullWidth isLoading={isSubmitting}>
          Send reset link
        </Button>
      </form>
    </AuthLayout>
  );
}
