import { useEffect } from 'react';
import { activityKindLabels, activityKinds } from '../../../../contract/activity.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiKey } from '../../../lib/session.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useActivityActors } from '../api/get-activity-actors.js';
import { activityFilterFormSchema, emptyActivityFilters, type ActivityFilterValues } from '../utils/activity-filters.js';

const kindOptions = [{ value: '', label: 'Any change' }, ...activityKinds.map((kind) => ({ value: kind, label: activityKindLabels[kind] }))];

/** Actor, account or subaccount, kind and date range; applied to the URL (and so to the list and the CSV). */
export function ActivityFilters({ values, onApply }: { values: ActivityFilterValues; onApply: (values: ActivityFilterValues) => void }) {
  const actors = useActivityActors(useApiKey());
  const actorOptions = [
    { value: '', label: 'Anyone' },
    { value: 'user', label: 'Any user' },
    { value: 'api_key', label: 'Any API key' },
    { value: 'operator', label: 'The operator' },
    { value: 'system', label: 'System jobs' },
    ...(actors.data?.actors ?? []).map((actor) => ({ value: actor.id, label: actor.name })),
  ];
  const { register, submit, reset, formError, formState } = useApiForm({
    schema: activityFilterFormSchema,
    defaultValues: values,
    onSubmit: async (_query, form) => onApply(form.getValues()),
  });
  // The URL is the source of truth: back/forward or a shared link refill the form.
  useEffect(() => reset(values), [reset, values]);
  const { errors } = formState;

  return (
    <form noValidate onSubmit={submit} aria-label="Filter activity" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
      <Select label="Who" options={actorOptions} error={errors.actor?.message} {...register('actor')} />
      <TextField label="Account or subaccount" placeholder="API key" spellCheck={false} autoComplete="off" error={errors.api_key?.message} {...register('api_key')} />
      <Select label="What" options={kindOptions} error={errors.kind?.message} {...register('kind')} />
      <TextField label="From" type="date" error={errors.from?.message} {...register('from')} />
      <TextField label="To" type="date" error={errors.to?.message} {...register('to')} />
      <div className="sm:col-span-2 lg:col-span-5">
        <FormAlert error={formError} />
      </div>
      <div className="flex flex-wrap gap-3 sm:col-span-2 lg:col-span-5">
        <Button type="submit">Apply filters</Button>
        <Button
          variant="secondary"
          onClick={() => {
            reset(emptyActivityFilters);
            onApply(emptyActivityFilters);
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
