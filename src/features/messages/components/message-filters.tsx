import { useEffect } from 'react';
import { messageStatuses, messageStatusLabels } from '../../../../contract/messages.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { emptyMessageFilters, messageFilterFormSchema, type MessageFilterValues } from '../utils/message-filters.js';

const statusOptions = [{ value: '', label: 'Any status' }, ...messageStatuses.map((status) => ({ value: status, label: messageStatusLabels[status] }))];
const directionOptions = [
  { value: '', label: 'Sent and received' },
  { value: 'outbound', label: 'Sent' },
  { value: 'inbound', label: 'Received' },
];

/** Date range, status, direction, numbers (prefixes), country, account, message id and client-ref; applied to the URL. */
export function MessageFilters({ values, onApply }: { values: MessageFilterValues; onApply: (values: MessageFilterValues) => void }) {
  const { register, submit, reset, formError, formState } = useApiForm({
    schema: messageFilterFormSchema,
    defaultValues: values,
    onSubmit: async (_query, form) => onApply(form.getValues()),
  });
  // The URL is the source of truth: back/forward or a shared link refill the form.
  useEffect(() => reset(values), [reset, values]);
  const { errors } = formState;

  return (
    <form noValidate onSubmit={submit} aria-label="Filter messages" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
      <TextField label="Start date" type="date" hint="Empty: the last 24 hours" error={errors.start?.message} {...register('start')} />
      <TextField label="End date" type="date" error={errors.end?.message} {...register('end')} />
      <Select label="Status" options={statusOptions} error={errors.status?.message} {...register('status')} />
      <Select label="Direction" options={directionOptions} error={errors.direction?.message} {...register('direction')} />
      <TextField label="Country" placeholder="e.g. GB" maxLength={2} autoComplete="off" error={errors.country?.message} {...register('country')} />
      <TextField label="To (starts with)" inputMode="tel" autoComplete="off" error={errors.to?.message} {...register('to')} />
      <TextField label="From (starts with)" autoComplete="off" error={errors.from?.message} {...register('from')} />
      <TextField label="Account or subaccount" placeholder="API key" spellCheck={false} autoComplete="off" error={errors.api_key?.message} {...register('api_key')} />
      <TextField label="Message ID" spellCheck={false} autoComplete="off" error={errors.message_id?.message} {...register('message_id')} />
      <TextField label="Client ref" spellCheck={false} autoComplete="off" error={errors.client_ref?.message} {...register('client_ref')} />
      <div className="sm:col-span-2 lg:col-span-5">
        <FormAlert error={formError} />
      </div>
      <div className="flex flex-wrap gap-3 sm:col-span-2 lg:col-span-5">
        <Button type="submit">Search</Button>
        <Button
          variant="secondary"
          onClick={() => {
            reset(emptyMessageFilters);
            onApply(emptyMessageFilters);
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
