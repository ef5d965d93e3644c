import { z } from 'zod';
import { messageSettingsSchema } from '../../../../contract/messages.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';
import { Can } from '../../../lib/authorization.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useMessageSettings } from '../api/get-message-settings.js';
import { useUpdateMessageSettings } from '../api/update-message-settings.js';

/** The family's choice: keep the first 160 characters of each message's text, or none of it. */
export function MessageTextSetting({ apiKey }: { apiKey: string }) {
  const settings = useMessageSettings(apiKey);
  if (settings.isPending) return <LoadingLine label="Loading…" />;
  if (settings.isError) return <LoadError message={settings.error.message} onRetry={() => settings.refetch()} />;
  return <SettingForm apiKey={apiKey} store={settings.data.store_message_text} />;
}

// The checkbox says "don't store": the contract's field says the opposite.
const formSchema = z.object({ dont_store: z.boolean() }).transform((values) => ({ store_message_text: !values.dont_store })).pipe(messageSettingsSchema);

function SettingForm({ apiKey, store }: { apiKey: string; store: boolean }) {
  const update = useUpdateMessageSettings(apiKey);
  const { register, submit, formError, formState, reset } = useApiForm({
    schema: formSchema,
    defaultValues: { dont_store: !store },
    onSubmit: async (values) => {
      const saved = await update.mutateAsync(values);
      reset({ dont_store: !saved.store_message_text });
    },
  });
  return (
    <form noValidate onSubmit={submit} aria-label="Message text" className="space-y-3">
      <Can permission="api_settings:write">
        {(can) => (
          <>
            <div className="flex items-start gap-3">
              <input id="dont-store-text" type="checkbox" className="mt-1 size-4 rounded border-slate-300 text-indigo-600" {...can} {...register('dont_store')} />
              <div>
                <label htmlFor="dont-store-text" className="text-sm font-medium text-slate-900">
                  Don’t store message text
                </label>
                <p className="text-sm text-slate-600">
                  Otherwise the first 160 characters of each message are kept with it. Applies to the account and its subaccounts from the next message.
                </p>
              </div>
            </div>
            <FormAlert error={formError} />
            <Button type="submit" variant="secondary" isLoading={formState.isSubmitting} disabled={can.disabled || !formState.isDirty}>
              Save
            </Button>
          </>
        )}
      </Can>
    </form>
  );
}
