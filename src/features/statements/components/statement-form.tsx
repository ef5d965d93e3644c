import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { statementFileHref } from '../api/download-urls.js';
import { useDownload } from '../api/use-download.js';
import { apiKeyInput, statementFormSchema, type StatementFormValues } from '../utils/forms.js';
import { DownloadProgressBar } from './download-progress.js';

const formatOptions = [
  { value: 'pdf', label: 'PDF' },
  { value: 'csv', label: 'CSV' },
];

/** A month's statement of the family, or of one account (a subaccount's, to forward to its customer). */
export function StatementForm({ defaultMonth }: { defaultMonth: string }) {
  const download = useDownload();
  const { register, submit, formError, formState } = useApiForm({
    schema: statementFormSchema,
    defaultValues: { month: defaultMonth, api_key: '', format: 'pdf' } satisfies StatementFormValues,
    onSubmit: (values) => download.start(statementFileHref(values.month, values.api_key || undefined, values.format)),
  });
  const { errors, isSubmitting } = formState;
  return (
    <form noValidate onSubmit={submit} aria-label="Download a statement" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Month" type="month" error={errors.month?.message} {...register('month')} />
        <TextField
          label="Subaccount (optional)"
          hint="Empty for the whole family"
          {...apiKeyInput}
          error={errors.api_key?.message}
          {...register('api_key')}
        />
        <Select label="Format" options={formatOptions} error={errors.format?.message} {...register('format')} />
      </div>
      <FormAlert error={formError} />
      <Button type="submit" disabled={isSubmitting}>
        Download statement
      </Button>
      <DownloadProgressBar label="Downloading the statement" state={download.state} />
    </form>
  );
}
