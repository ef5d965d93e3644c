import { useId, useState } from 'react';
import { configureShortCodeRequestSchema, MAX_TEMPLATE_LENGTH, PIN_PLACEHOLDER, shortCodePurposeLabels, type ShortCode } from '../../../../contract/short-codes.js';
import { Badge } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextArea } from '../../../components/ui/text-area.js';
import { TextField } from '../../../components/ui/text-field.js';
import { Can } from '../../../lib/authorization.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useConfigureShortCode } from '../api/configure-short-code.js';
import { useReleaseShortCode } from '../api/release-short-code.js';
import { OptInBlock } from './opt-in-block.js';

const defaultTemplates = { two_factor: `Your verification code is ${PIN_PLACEHOLDER}`, alerts: 'Alert: {event} at {time}' };

/** One short code of an account: its message template and opt-in values ("Update"), the opt-in text, release. */
export function ShortCodeCard({ apiKey, shortCode }: { apiKey: string; shortCode: ShortCode }) {
  const [releasing, setReleasing] = useState(false);
  const release = useReleaseShortCode(apiKey, shortCode);
  return (
    <Card
      title={`${shortCode.code} · ${shortCodePurposeLabels[shortCode.purpose]}`}
      actions={
        <Can permission="numbers:write">
          {(can) => (
            <Button variant="secondary" size="sm" onClick={() => setReleasing(true)} {...can}>
              Release
            </Button>
          )}
        </Can>
      }
    >
      <p className="text-sm text-slate-600">
        Owner: <span className="font-medium text-slate-900">{shortCode.account_name}</span> <span className="font-mono">({shortCode.api_key})</span>{' '}
        {shortCode.template === null ? <Badge tone="warning">Not configured</Badge> : <Badge tone="success">Configured</Badge>}
      </p>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <ConfigureForm apiKey={apiKey} shortCode={shortCode} />
        <OptInBlock shortCode={shortCode} />
      </div>
      <ConfirmDialog
        open={releasing}
        title={`Release short code ${shortCode.code}?`}
        confirmLabel="Release"
        isPending={release.isPending}
        error={release.error?.message}
        onConfirm={() => release.mutate(undefined, { onSuccess: () => setReleasing(false) })}
        onClose={() => setReleasing(false)}
      >
        <p>
          {shortCode.account_name} stops sending through {shortCode.code}; its message template and opt-in values are deleted. You can add it again later.
        </p>
      </ConfirmDialog>
    </Card>
  );
}

function ConfigureForm({ apiKey, shortCode }: { apiKey: string; shortCode: ShortCode }) {
  const configure = useConfigureShortCode(apiKey, shortCode);
  const [saved, setSaved] = useState(false);
  const statusId = useId();
  const valuesOf = (code: ShortCode) => ({
    purpose: code.purpose,
    template: code.template ?? defaultTemplates[code.purpose],
    messages_per_day: String(code.messages_per_day ?? 2),
    terms_url: code.terms_url ?? '',
    privacy_url: code.privacy_url ?? '',
  });
  const {
    register,
    submit,
    formError,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: configureShortCodeRequestSchema,
    defaultValues: valuesOf(shortCode),
    onSubmit: async (values, form) => {
      setSaved(false);
      form.reset(valuesOf(await configure.mutateAsync(values)));
      setSaved(true);
    },
  });
  const two = shortCode.purpose === 'two_factor';

  return (
    <form noValidate onSubmit={submit} className="space-y-4" onChange={() => setSaved(false)}>
      <TextArea
        label="Message template"
        rows={3}
        maxLength={MAX_TEMPLATE_LENGTH}
        spellCheck={false}
        hint={two ? `Put ${PIN_PLACEHOLDER} where the code goes (once).` : 'Name what changes between braces: {order_id}, {day}.'}
        error={errors.template?.message}
        {...register('template')}
      />
      <TextField label="Messages per day (at most)" inputMode="numeric" autoComplete="off" className="max-w-xs" error={errors.messages_per_day?.message} {...register('messages_per_day')} />
      <TextField label="Terms and conditions URL" type="url" autoComplete="off" spellCheck={false} error={errors.terms_url?.message} {...register('terms_url')} />
      <TextField label="Privacy policy URL" type="url" autoComplete="off" spellCheck={false} error={errors.privacy_url?.message} {...register('privacy_url')} />
      <FormAlert error={formError} />
      <div className="flex flex-wrap items-center gap-3">
        <Can permission="numbers:write">
          {(can) => (
            <Button type="submit" isLoading={isSubmitting} aria-describedby={statusId} {...can}>
              Update
            </Button>
          )}
        </Can>
        <p id={statusId} role="status" className="text-sm font-medium text-emerald-700">
          {saved ? 'Saved' : ''}
        </p>
      </div>
    </form>
  );
}
