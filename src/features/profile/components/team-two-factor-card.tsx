import { z } from 'zod';
import { teamSecuritySchema } from '../../../../contract/profile.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useTwoFactorRequirement } from '../api/get-two-factor-requirement.js';
import { useSetTwoFactorRequirement } from '../api/set-two-factor-requirement.js';

/** The owner's rule: every member must use two-factor sign-in (members without it are sent to set it up). */
export function TeamTwoFactorCard({ apiKey, isOwner }: { apiKey: string; isOwner: boolean }) {
  const requirement = useTwoFactorRequirement(apiKey);
  return (
    <Card title="Team sign-in">
      {requirement.isPending ? (
        <LoadingLine label="Loading…" />
      ) : requirement.isError ? (
        <LoadError message={requirement.error.message} onRetry={() => requirement.refetch()} />
      ) : (
        <RequirementForm apiKey={apiKey} required={requirement.data.require_two_factor} isOwner={isOwner} />
      )}
    </Card>
  );
}

// A checkbox holds a boolean; the contract's schema checks it as sent.
const formSchema = z.object({ require_two_factor: z.boolean() }).pipe(teamSecuritySchema);

function RequirementForm({ apiKey, required, isOwner }: { apiKey: string; required: boolean; isOwner: boolean }) {
  const set = useSetTwoFactorRequirement(apiKey);
  const { register, submit, formError, formState } = useApiForm({
    schema: formSchema,
    defaultValues: { require_two_factor: required },
    onSubmit: async (values, form) => form.reset(await set.mutateAsync(values)),
  });
  return (
    <form noValidate onSubmit={submit} className="space-y-4">
      {!isOwner && <Alert variant="info">Only the account owner can change this.</Alert>}
      <div className="flex items-start gap-3">
        <input
          id="require-two-factor"
          type="checkbox"
          disabled={!isOwner}
          aria-describedby="require-two-factor-hint"
          className="mt-1 size-4 rounded border-slate-300 text-indigo-600"
          {...register('require_two_factor')}
        />
        <div>
          <label htmlFor="require-two-factor" className="text-sm font-medium text-slate-900">
            Require two-factor sign-in for every member
          </label>
          <p id="require-two-factor-hint" className="text-sm text-slate-600">
            Members without it must set it up before they can do anything else. Turn on your own first.
          </p>
          {formState.errors.require_two_factor?.message && (
            <p className="mt-1 text-sm text-red-700">{formState.errors.require_two_factor.message}</p>
          )}
        </div>
      </div>
      <FormAlert error={formError} />
      {isOwner && (
        <Button type="submit" variant="secondary" isLoading={formState.isSubmitting}>
          Save
        </Button>
      )}
    </form>
  );
}
