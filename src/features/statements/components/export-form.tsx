import type { Permission } from '../../../../contract/permissions.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { Can } from '../../../lib/authorization.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { exportHref, type ExportKind } from '../api/download-urls.js';
import { useDownload } from '../api/use-download.js';
import { apiKeyInput, exportFormSchema, type ExportFormValues } from '../utils/forms.js';
import { DownloadProgressBar } from './download-progress.js';

const formatOptions = [
  { value: 'xlsx', label: 'Excel (.xlsx)' },
  { value: 'csv', label: 'CSV' },
];

const kinds: Record<ExportKind, { title: string; button: string; permission: Permission }> = {
  transactions: { title: 'transactions', button: 'Download transactions', permission: 'invoices:read' },
  activity: { title: 'account activity', button: 'Download account activity', permission: 'activity:read' },
};

/** A date range (UTC days, both included), optionally one account, .xlsx or CSV; the file streams in with its progress shown. */
export function ExportForm({ kind }: { kind: ExportKind }) {
  const { title, button, permission } = kinds[kind];
  const download = useDownload();
  const { register, submit, formError, formState } = useApiForm({
    schema: exportFormSchema,
    defaultValues: { from: '', to: '', api_key: '', format: 'xlsx' } satisfies ExportFormValues,
    onSubmit: (query) => download.start(exportHref(kind, query)),
  });
  const { errors, isSubmitting } = formState;
  return (
    <form noValidate onSubmit={submit} aria-label={`Download ${title}`} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextField label="From" type="date" error={errors.from?.message} {...register('from')} />
        <TextField label="To" type="date" error={errors.to?.message} {...register('to')} />
        <TextField
          label="Account or subaccount (optional)"
          {...apiKeyInput}
          error={errors.api_key?.message}
          {...register('api_key')}
        />
        <Select label="Format" options={formatOptions} error={errors.format?.message} {...register('format')} />
      </div>
      <FormAlert error={formError} />
      <div className="flex flex-wrap items-center gap-3">
        <Can permission={permission}>
          {(can) => (
            <Button type="submit" disabled={isSubmitting || can.disabled} title={can.title} aria-describedby={can['aria-describedby']}>
              {button}
            </Button>
          )}
        </Can>
      </div>
      <DownloadProgressBar label={`Downloading ${title}`} state={download.state} />
    </form>
  );
}
