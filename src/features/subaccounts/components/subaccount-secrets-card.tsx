import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import {
  createSecretRequestSchema,
  MAX_SECRETS,
  secretRules,
  type GeneratedSecret,
  type SecretInfo,
} from '../../../../contract/secrets.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { CopyField } from '../../../components/ui/copy-field.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { RuleChecklist } from '../../../components/ui/rule-checklist.js';
import { Spinner } from '../../../components/ui/spinner.js';
import { Table } from '../../../components/ui/table.js';
import { TextField } from '../../../components/ui/text-field.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { applyServerErrors } from '../../../lib/form-errors.js';
import { useCreateSubaccountSecret } from '../api/create-subaccount-secret.js';
import { useGenerateSubaccountSecret } from '../api/generate-subaccount-secret.js';
import { useSubaccountSecrets } from '../api/get-subaccount-secrets.js';
import { useRevokeSubaccountSecret } from '../api/revoke-subaccount-secret.js';

const LAST_SECRET_REASON = 'A subaccount always keeps at least one secret.';
const MAX_SECRETS_REASON = `A subaccount can have at most ${MAX_SECRETS} secrets: revoke one to create another.`;

/** The subaccount's API secrets: rotate them (create generated or chosen, then revoke the old one). */
export function SubaccountSecretsCard({ apiKey, subKey }: { apiKey: string; subKey: string }) {
  const secrets = useSubaccountSecrets(apiKey, subKey);
  const revoke = useRevokeSubaccountSecret(apiKey, subKey);
  const [creating, setCreating] = useState(false);
  const [generated, setGenerated] = useState<GeneratedSecret | null>(null);
  const [toRevoke, setToRevoke] = useState<SecretInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const panelId = useId();
  const maxReasonId = useId();
  const lastReasonId = useId();

  const list = secrets.data?._embedded.secrets ?? [];
  const atMax = list.length >= MAX_SECRETS;
  const onlyOne = list.length <= 1;

  function confirmRevoke() {
    if (!toRevoke) return;
    revoke.mutate(toRevoke.id, {
      onSuccess: () => {
        setToRevoke(null);
        setNotice('Secret revoked. Requests signed with it are now refused.');
      },
    });
  }

  return (
    <Card
      title="API secrets"
      actions={
        <Button
          size="sm"
          disabled={!secrets.data || atMax}
          aria-expanded={creating}
          aria-controls={creating ? panelId : undefined}
          aria-describedby={atMax ? maxReasonId : undefined}
          onClick={() => {
            setNotice(null);
            setGenerated(null);
            setCreating((open) => !open);
          }}
        >
          Create secret
        </Button>
      }
    >
      <div className="space-y-4">
        <p className="text-sm text-slate-600">
          The subaccount&rsquo;s applications sign their requests with its API key and one of these secrets.
        </p>
        {atMax && (
          <p id={maxReasonId} className="text-sm text-slate-600">
            {MAX_SECRETS_REASON}
          </p>
        )}
        {notice && <Alert variant="success">{notice}</Alert>}
        {generated && <GeneratedSecretNotice secret={generated} onDone={() => setGenerated(null)} />}
        {creating && !atMax && (
          <NewSecretForm
            id={panelId}
            apiKey={apiKey}
            subKey={subKey}
            onGenerated={(secret) => {
              setCreating(false);
              setGenerated(secret);
            }}
            onCreated={() => {
              setCreating(false);
              setNotice('Secret added. Use it in the application, then revoke the secret it replaces.');
            }}
            onCancel={() => setCreating(false)}
          />
        )}

        {secrets.isPending ? (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-500">
            <Spinner className="size-4" /> Loading secrets…
          </p>
        ) : secrets.isError ? (
          <div className="space-y-3">
            <Alert variant="error">{secrets.error.message}</Alert>
            <Button variant="secondary" size="sm" onClick={() => secrets.refetch()}>
              Try again
            </Button>
          </div>
        ) : (
          <Table caption="API secrets">
            <thead>
              <tr>
                <th scope="col">Secret ID</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.length === 0 && (
                <tr>
                  <td colSpan={3} className="text-slate-600">
                    No secrets: create one so that the subaccount can use the API.
                  </td>
                </tr>
              )}
              {list.map((secret) => (
                <tr key={secret.id}>
                  <td className="font-mono text-xs">{secret.id}</td>
                  <td className="whitespace-nowrap tabular-nums">
                    <time dateTime={secret.created_at}>{formatDateTime(secret.created_at)}</time>
                  </td>
                  <td className="text-right">
                    <div className="flex items-center justify-end gap-3">
                      {onlyOne && (
                        <span id={lastReasonId} className="text-xs text-slate-500">
                          {LAST_SECRET_REASON}
                        </span>
                      )}
                      <Button
                        variant="secondary"
                        size="sm"
                        disabled={onlyOne}
                        aria-describedby={onlyOne ? lastReasonId : undefined}
                        onClick={() => {
                          revoke.reset();
                          setNotice(null);
                          setToRevoke(secret);
                        }}
                      >
                        Revoke
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>

      <ConfirmDialog
        open={toRevoke !== null}
        title="Revoke this secret?"
        confirmLabel="Revoke secret"
        isPending={revoke.isPending}
        error={revoke.error?.message}
        onConfirm={confirmRevoke}
        onClose={() => setToRevoke(null)}
      >
        {toRevoke && (
          <>
            <p>
              The secret <span className="font-mono text-xs text-slate-900">{toRevoke.id}</span>, created{' '}
              {formatDateTime(toRevoke.created_at)}, stops working at once: every request the subaccount signs with it
              will be refused.
            </p>
            <p>Make sure its applications already use the other secret. This cannot be undone.</p>
          </>
        )}
      </ConfirmDialog>
    </Card>
  );
}

function NewSecretForm({
  id,
  apiKey,
  subKey,
  onGenerated,
  onCreated,
  onCancel,
}: {
  id: string;
  apiKey: string;
  subKey: string;
  onGenerated: (secret: GeneratedSecret) => void;
  onCreated: () => void;
  onCancel: () => void;
}) {
  const headingId = useId();
  const checklistId = useId();
  const [mode, setMode] = useState<'generate' | 'choose'>('generate');
  const generate = useGenerateSubaccountSecret(apiKey, subKey);
  const create = useCreateSubaccountSecret(apiKey, subKey);
  const {
    register,
    handleSubmit,
    setError,
    clearErrors,
    control,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(createSecretRequestSchema), defaultValues: { secret: '' } });
  const secret = useWatch({ control, name: 'secret' });

  const submitChosen = handleSubmit(async (values) => {
    try {
      await create.mutateAsync(values);
      onCreated();
    } catch (error) {
      applyServerErrors(error, setError, ['secret']);
    }
  });

  async function submitGenerated(event: FormEvent) {
    event.preventDefault();
    clearErrors();
    try {
      onGenerated(await generate.mutateAsync());
    } catch (error) {
      applyServerErrors(error, setError, []);
    }
  }

  return (
    <section id={id} aria-labelledby={headingId} className="rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
      <h3 id={headingId} className="text-sm font-semibold text-slate-900">
        New secret
      </h3>
      <form noValidate onSubmit={mode === 'generate' ? submitGenerated : submitChosen} className="mt-3 space-y-4">
        <fieldset>
          <legend className="sr-only">How to create the secret</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {(
              [
                ['generate', 'Generate a strong secret for me'],
                ['choose', 'Choose my own secret'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="radio"
                  name={`${id}-mode`}
                  value={value}
                  checked={mode === value}
                  onChange={() => {
                    clearErrors();
                    setMode(value);
                  }}
                  className="size-4 accent-indigo-600"
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        {mode === 'generate' ? (
          <p className="text-sm text-slate-600">We generate a random secret and show it to you once.</p>
        ) : (
          <div>
            <TextField
              label="Secret"
              autoComplete="off"
              spellCheck={false}
              inputClassName="font-mono"
              maxLength={64}
              error={errors.secret?.message}
              describedById={checklistId}
              {...register('secret')}
            />
            <RuleChecklist id={checklistId} label="Secret requirements" rules={secretRules} value={secret ?? ''} />
          </div>
        )}
        <FormAlert error={errors.root?.server} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" isLoading={mode === 'generate' ? generate.isPending : isSubmitting}>
            {mode === 'generate' ? 'Generate secret' : 'Add secret'}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </section>
  );
}

function GeneratedSecretNotice({ secret, onDone }: { secret: GeneratedSecret; onDone: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.querySelector('input')?.focus(), []);
  return (
    <div ref={ref} className="space-y-4 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
      <CopyField label="New API secret" value={secret.secret} copyLabel="Copy secret" />
      <Alert variant="warning" title="This secret will not be shown again">
        Copy it now and give it to your customer. We keep only a hash of it.
      </Alert>
      <Button variant="secondary" size="sm" onClick={onDone}>
        I have copied it
      </Button>
    </div>
  );
}
