import { useEffect } from 'react';
import { statusClasses } from '../../../../contract/api-requests.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiKey } from '../../../lib/session.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useFilterOptions } from '../api/get-filter-options.js';
import { apiRequestFilterFormSchema, emptyApiRequestFilters, type ApiRequestFilterValues } from '../utils/api-request-filters.js';

const statusClassOptions = [{ value: '', label: 'Any' }, ...statusClasses.map((value) => ({ value, label: value }))];

/** Date range, endpoint, status class or code, account (API key) and request id; applied to the URL. */
export function ApiRequestFilters({ values, onApply }: { values: ApiRequestFilterValues; onApply: (values: ApiRequestFilterValues) => void }) {
  const options = useFilterOptions(useApiKey());
  const endpointOptions = [
    { value: '', label: 'Any endpoint' },
    ...(options.data?.endpoints ?? []).map((endpoint) => ({ value: `${endpoint.method} ${endpoint.path}`, label: `${endpoint.method} ${endpoint.path}` })),
  ];
  const accountOptions = [
    { value: '', label: 'Any key' },
    ...(options.data?.accounts ?? []).map((account) => ({ value: account.api_key, label: `${account.name} (${account.api_key})${account.primary ? ' · primary' : ''}` })),
  ];
  const { register, submit, reset, formError, formState } = useApiForm({
    schema: apiRequestFilterFormSchema,
    defaultValues: values,
    onSubmit: async (_query, form) => onApply(form.getValues()),
  });
  // The URL is the source of truth: back/forward or a shared link refill the form. The option lists
  // arrive after the first render, so the selects are refilled once they are there.
  useEffect(() => reset(values), [reset, values, options.data]);
  const { errors } = formState;

  return (
    <form noValidate onSubmit={submit} aria-label="Filter API requests" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      <TextField label="From" type="date" error={errors.from?.message} {...register('from')} />
      <TextField label="To" type="date" error={errors.to?.message} {...register('to')} />
      <Select label="Endpoint" options={endpointOptions} error={errors.endpoint?.message} className="sm:col-span-2" {...register('endpoint')} />
      <Select label="Status class" options={statusClassOptions} error={errors.status_class?.message} {...register('status_class')} />
      <TextField label="Status code" inputMode="numeric" placeholder="e.g. 422" autoComplete="off" error={errors.status?.message} {...register('status')} />
      <Select label="Account or subaccount" options={accountOptions} error={errors.api_key?.message} className="sm:col-span-2" {...register('api_key')} />
      <TextField label="Request id" spellCheck={false} autoComplete="off" error={errors.request_id?.message} className="sm:col-span-2" {...register('request_id')} />
      <div className="sm:col-span-2 lg:col-span-4">
        <FormAlert error={formError} />
      </div>
      <div className="flex flex-wrap gap-3 sm:col-span-2 lg:col-span-4">
        <Button type="submit">Search</Button>
        <Button
          variant="secondary"
          onClick={() => {
            reset(emptyApiRequestFilters);
            onApply(emptyApiRequestFilters);
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
