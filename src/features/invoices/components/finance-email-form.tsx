import { useState } from 'react';
import { invoiceSettingsRequestSchema, type InvoiceSettings } from '../../../../contract/invoices.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { LoadError, LoadingLine } from '../../../components/ui/query-state.js';
import { TextField } from '../../../components/ui/text-field.js';
import { Can } from '../../../lib/authorization.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useInvoiceSettings, useSaveInvoiceSettings } from '../api/invoice-settings.js';

/** Where invoices are e-mailed: the finance e-mail when set, else the account's (billing:write changes it). */
export function FinanceEmailForm({ apiKey }: { apiKey: string }) {
  const settings = useInvoiceSettings(apiKey);
  return (
    <Card title="Finance e-mail">
      {settings.isPending && <LoadingLine label="Loading where invoices go…" />}
      {settings.isError && <LoadError message="We could not load where invoices go." onRetry={() => void settings.refetch()} />}
      {settings.data && <SettingsForm apiKey={apiKey} settings={settings.data} />}
    </Card>
  );
}

function SettingsForm({ apiKey, settings }: { apiKey: string; settings: InvoiceSettings }) {
  const save = useSaveInvoiceSettings(apiKey);
  const [saved, setSaved] = useState(false);
  const { register, submit, formError, formState } = useApiForm({
    schema: invoiceSettingsRequestSchema,
    defaultValues: { finance_email: settings.finance_email ?? '' },
    onSubmit: async (values, form) => {
      setSaved(false);
      const next = await save.mutateAsync(values);
      form.reset({ finance_email: next.finance_email ?? '' });
      setSaved(true);
    },
  });
  return (
    <form noValidate onSubmit={submit} className="space-y-4" onChange={() => setSaved(false)}>
      <p className="text-sm text-slate-600">
        Invoices, pro-formas and credit notes are e-mailed with their PDF to this address; while it is empty, to the account e-mail ({settings.account_email}).
      </p>
      <TextField label="Finance e-mail" type="email" autoComplete="off" spellCheck={false} className="max-w-md" error={formState.errors.finance_email?.message} {...register('finance_email')} />
      <FormAlert error={formError} />
      <div className="flex flex-wrap items-center gap-3">
        <Can permission="billing:write">
          {(can) => (
            <Button type="submit" isLoading={formState.isSubmitting} {...can}>
              Save finance e-mail
            </Button>
          )}
        </Can>
        {saved && (
          <p role="status" className="text-sm text-emerald-700">
            Saved.
          </p>
        )}
      </div>
    </form>
  );
}
