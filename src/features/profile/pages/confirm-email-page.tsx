import { useSearchParams } from 'react-router-dom';
import { emailChangeConfirmSchema } from '../../../../contract/profile.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { paths } from '../../../lib/paths.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useConfirmEmailChange } from '../api/confirm-email-change.js';

/**
 * The link e-mailed to a new address. Confirming takes a click (not the page load), so that a mail
 * scanner opening the link cannot confirm on the person's behalf.
 */
export function ConfirmEmailPage() {
  const token = useSearchParams()[0].get('token') ?? '';
  const confirm = useConfirmEmailChange();
  const { submit, formError, formState } = useApiForm({
    schema: emailChangeConfirmSchema,
    defaultValues: { token },
    onSubmit: (values) => confirm.mutateAsync(values),
    describeError: (_name, reason) => reason,
  });
  return (
    <main className="mx-auto flex min-h-full max-w-md flex-col justify-center px-4 py-12">
      <title>Confirm your e-mail address · Switchboard</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Confirm your new e-mail address</h1>
      {confirm.isSuccess ? (
        <div className="mt-6 space-y-4">
          <Alert variant="success">
            Your Switchboard account now uses <span className="font-medium break-all">{confirm.data.email}</span>. Sign in with it from now on.
          </Alert>
          <p>
            <TextLink to={paths.profile.getHref()}>Go to your profile</TextLink>
          </p>
        </div>
      ) : (
        <form noValidate onSubmit={submit} className="mt-6 space-y-4">
          <p className="text-sm text-slate-700">Your account will use this address to sign in and to receive e-mail.</p>
          {formState.errors.token?.message && <Alert variant="error">{formState.errors.token.message}</Alert>}
          <FormAlert error={formError} />
          <Button type="submit" isLoading={formState.isSubmitting}>
            Confirm new e-mail address
          </Button>
        </form>
      )}
    </main>
  );
}
