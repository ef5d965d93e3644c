import { emailChangeRequestSchema, EMAIL_CHANGE_LINK_HOURS, type Profile } from '../../../../contract/profile.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useRequestEmailChange } from '../api/request-email-change.js';

/** The e-mail address changes when the link sent to the new one is opened; until then the old one stays. */
export function EmailCard({ apiKey, profile }: { apiKey: string; profile: Profile }) {
  const request = useRequestEmailChange(apiKey);
  const { register, submit, formError, formState } = useApiForm({
    schema: emailChangeRequestSchema,
    defaultValues: { email: '', password: '' },
    onSubmit: async (values, form) => {
      await request.mutateAsync(values);
      form.reset({ email: '', password: '' });
    },
  });
  return (
    <Card title="E-mail address">
      <p className="text-sm text-slate-700">
        You sign in and receive e-mail at <span className="font-medium break-all text-slate-900">{profile.email}</span>.
      </p>
      {profile.pending_email && (
        <Alert variant="info" className="mt-3">
          We sent a confirmation link to <span className="font-medium break-all">{profile.pending_email}</span>. Open it within{' '}
          {EMAIL_CHANGE_LINK_HOURS} hours to start using that address; until then {profile.email} stays.
        </Alert>
      )}
      <form noValidate onSubmit={submit} className="mt-4 space-y-4">
        <TextField label="New e-mail address" type="email" autoComplete="email" error={formState.errors.email?.message} {...register('email')} />
        <TextField
          label="Your password"
          type="password"
          autoComplete="current-password"
          hint="To make sure it is you."
          error={formState.errors.password?.message}
          {...register('password')}
        />
        <FormAlert error={formError} />
        <Button type="submit" isLoading={formState.isSubmitting}>
          Send confirmation link
        </Button>
      </form>
    </Card>
  );
}
