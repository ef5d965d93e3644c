import { useId, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router-dom';
import type { PinChannel } from '../../../../contract/identity.js';
import { signupRequestSchema } from '../../../../contract/signup.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { paths } from '../../../lib/paths.js';
import { useCreateSignup } from '../api/create-signup.js';
import { AuthLayout } from '../components/auth-layout.js';
import { callingCodeOf, countryOptions } from '../../../lib/countries.js';
import { PasswordChecklist } from '../components/password-checklist.js';

export function SignUpPage() {
  const navigate = useNavigate();
  const checklistId = useId();
  const [reviewMessage, setReviewMessage] = useState<string | null>(null);
  const createSignup = useCreateSignup({
    onSuccess: (result) => {
      if (result.kind === 'pending') return navigate(paths.verifySignup.getHref(result.status.signup_id));
      setReviewMessage(result.message);
    },
  });

  const {
    register,
    submit,
    formError,
    control,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: signupRequestSchema,
    defaultValues: {
      company_name: '',
      name: '',
      email: '',
      password: '',
      country: 'GB',
      phone: '',
      pin_channel: 'sms' as PinChannel,
    },
    onSubmit: (values) => createSignup.mutateAsync(values),
  });
  const password = useWatch({ control, name: 'password' });
  const country = useWatch({ control, name: 'country' });
  const callingCode = callingCodeOf(country);


  if (reviewMessage) {
    return (
      <AuthLayout
        title="Your sign-up awaits manual review"
        footer={
          <p>
            <TextLink to={paths.signIn.getHref()}>Back to sign in</TextLink>
          </p>
        }
      >
        <Alert variant="info" title="Thank you for signing up">
          {reviewMessage}
        </Alert>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      wide
      title="Create your Switchboard account"
      subtitle="Start with €2 of free test credit. We will verify your phone number with a PIN."
      footer={
        <p>
          Already have an account? <TextLink to={paths.signIn.getHref()}>Sign in</TextLink>
        </p>
      }
    >
      <form noValidate onSubmit={submit} className="space-y-5">
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            label="Company name"
            autoComplete="organization"
            error={errors.company_name?.message}
            {...register('company_name')}
          />
          <TextField label="Your name" autoComplete="name" error={errors.name?.message} {...register('name')} />
        </div>
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
            autoComplete="new-password"
            error={errors.password?.message}
            describedById={checklistId}
            {...register('password')}
          />
          <PasswordChecklist id={checklistId} password={password ?? ''} />
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <Select label="Country" options={countryOptions} error={errors.country?.message} {...register('country')} />
          <TextField
            label="Phone number"
            type="tel"
            autoComplete="tel"
            hint={callingCode ? `National format, or international starting with +${callingCode}.` : undefined}
            error={errors.phone?.message}
            {...register('phone')}
          />
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Send the PIN by</legend>
          <div className="mt-2 flex gap-6">
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input type="radio" value="sms" className="size-4 accent-indigo-600" {...register('pin_channel')} />
              SMS
            </label>
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input type="radio" value="voice" className="size-4 accent-indigo-600" {...register('pin_channel')} />
              Voice call
            </label>
          </div>
          {errors.pin_channel?.message && <p className="mt-1.5 text-sm text-red-600">{errors.pin_channel.message}</p>}
        </fieldset>
        <FormAlert error={formError} />
        <Button type="submit" fullWidth isLoading={isSubmitting}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
