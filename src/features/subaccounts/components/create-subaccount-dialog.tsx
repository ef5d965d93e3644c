import { useEffect, useId, useRef, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { Link } from 'react-router-dom';
import { z } from 'zod';
import { apiSecretSchema, secretRules } from '../../../../contract/secrets.js';
import { createSubaccountRequestSchema, type CreatedSubaccount } from '../../../../contract/subaccounts.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { CopyField } from '../../../components/ui/copy-field.js';
import { Dialog, DialogActions } from '../../../components/ui/dialog.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { RuleChecklist } from '../../../components/ui/rule-checklist.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { paths } from '../../../lib/paths.js';
import { useCreateSubaccount } from '../api/create-subaccount.js';
import { BALANCE_MODE_TEXT } from './balance-mode-text.js';
import { SubaccountNameField } from './subaccount-name-field.js';

// The contract's rules for each field; the radios carry strings, turned into the request below.
const createFormSchema = z
  .object({
    name: createSubaccountRequestSchema.shape.name,
    use_primary_account_balance: z.enum(['true', 'false']),
    secret_mode: z.enum(['generate', 'choose']),
    secret: z.string(),
  })
  .superRefine((values, context) => {
    if (values.secret_mode !== 'choose') return;
    const result = apiSecretSchema.safeParse(values.secret);
    if (!result.success) context.addIssue({ code: 'custom', path: ['secret'], message: result.error.issues[0]?.message });
  });
type CreateForm = z.input<typeof createFormSchema>;

const defaultValues: CreateForm = { name: '', use_primary_account_balance: 'true', secret_mode: 'generate', secret: '' };

/** Create a subaccount, then show its API key and secret this once. */
export function CreateSubaccountDialog({ apiKey, open, onClose }: { apiKey: string; open: boolean; onClose: () => void }) {
  const create = useCreateSubaccount(apiKey);
  const created = create.data;
  const [askingToClose, setAskingToClose] = useState(false);

  function close() {
    // Forget the secret with the dialog.
    create.reset();
    setAskingToClose(false);
    onClose();
  }

  return (
    <Dialog
      open={open}
      title={created ? 'Subaccount created' : 'Create subaccount'}
      description={
        created
          ? undefined
          : 'A subaccount has its own API key and secrets, so each of your customers gets distinct credentials and you see its spending.'
      }
      busy={create.isPending}
      // Escape on the one-time credentials would lose the secret: ask first.
      onClose={created ? () => setAskingToClose(true) : close}
    >
      {created ? (
        <CreatedNotice
          subaccount={created}
          askingToClose={askingToClose}
          onKeepOpen={() => setAskingToClose(false)}
          onDone={close}
        />
      ) : <CreateForm apiKey={apiKey} create={create} onCancel={close} />}
    </Dialog>
  );
}

function CreateForm({
  apiKey,
  create,
  onCancel,
}: {
  apiKey: string;
  create: ReturnType<typeof useCreateSubaccount>;
  onCancel: () => void;
}) {
  const checklistId = useId();
  const modeId = useId();
  const modeErrorId = useId();
  const {
    register,
    submit,
    formError,
    control,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: createFormSchema,
    defaultValues,
    onSubmit: (values) =>
      create.mutateAsync({
        name: values.name,
        use_primary_account_balance: values.use_primary_account_balance === 'true',
        ...(values.secret_mode === 'choose' ? { secret: values.secret } : {}),
      }),
  });
  const secretMode = useWatch({ control, name: 'secret_mode' });
  const secret = useWatch({ control, name: 'secret' });
  const name = useWatch({ control, name: 'name' });

  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      <SubaccountNameField
        apiKey={apiKey}
        value={name ?? ''}
        hint="For example your customer's name."
        error={errors.name?.message}
        {...register('name')}
      />

      <fieldset aria-describedby={errors.use_primary_account_balance ? modeErrorId : undefined}>
        <legend className="text-sm font-medium text-slate-800">Balance</legend>
        <div className="mt-2 space-y-3">
          {(['true', 'false'] as const).map((value) => {
            const text = BALANCE_MODE_TEXT[value === 'true' ? 'shared' : 'own'];
            return (
              <label key={value} className="flex items-start gap-3 text-sm">
                <input
                  type="radio"
                  value={value}
                  aria-labelledby={`${modeId}-${value}-label`}
                  aria-describedby={`${modeId}-${value}-sentence`}
                  className="mt-0.5 size-4 accent-indigo-600"
                  {...register('use_primary_account_balance')}
                />
                <span>
                  <span id={`${modeId}-${value}-label`} className="block font-medium text-slate-800">
                    {text.label}
                  </span>
                  <span id={`${modeId}-${value}-sentence`} className="block text-slate-600">
                    {text.sentence}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        <p className="mt-2 text-xs text-slate-500">You can switch a shared subaccount to its own balance later, but not back.</p>
        {errors.use_primary_account_balance?.message && (
          <p id={modeErrorId} className="mt-1.5 text-sm text-red-600">
            {errors.use_primary_account_balance.message}
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend className="text-sm font-medium text-slate-800">API secret</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="radio" value="generate" className="size-4 accent-indigo-600" {...register('secret_mode')} />
            Generate a strong secret for me
          </label>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="radio" value="choose" className="size-4 accent-indigo-600" {...register('secret_mode')} />
            Choose my own secret
          </label>
        </div>
        {secretMode === 'choose' && (
          <div className="mt-3">
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
      </fieldset>

      <FormAlert error={formError} />
      <DialogActions>
        <Button variant="secondary" disabled={isSubmitting} onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" isLoading={isSubmitting}>
          Create subaccount
        </Button>
      </DialogActions>
    </form>
  );
}

function CreatedNotice({
  subaccount,
  askingToClose,
  onKeepOpen,
  onDone,
}: {
  subaccount: CreatedSubaccount;
  askingToClose: boolean;
  onKeepOpen: () => void;
  onDone: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const questionRef = useRef<HTMLDivElement>(null);
  // The form that had focus is gone: take the user to the secret, ready to copy.
  useEffect(() => ref.current?.querySelector<HTMLInputElement>('input[readonly], input')?.focus(), []);
  useEffect(() => {
    if (askingToClose) questionRef.current?.querySelector('button')?.focus();
  }, [askingToClose]);

  if (askingToClose) {
    return (
      <div ref={questionRef} className="space-y-4">
        <Alert variant="warning" title="Have you copied the secret?">
          The API secret of {subaccount.name} will not be shown again once this dialog is closed.
        </Alert>
        <DialogActions>
          <Button variant="secondary" onClick={onDone}>
            Yes, close
          </Button>
          <Button onClick={onKeepOpen}>Show the secret again</Button>
        </DialogActions>
      </div>
    );
  }

  return (
    <div ref={ref} className="space-y-4">
      <p className="text-sm text-slate-600">
        <span className="font-medium text-slate-900">{subaccount.name}</span> is ready. Give your customer these
        credentials.
      </p>
      <CopyField label="API key" value={subaccount.api_key} copyLabel="Copy API key" />
      <CopyField label="API secret" value={subaccount.secret} copyLabel="Copy API secret" />
      <Alert variant="warning" title="This secret will not be shown again">
        Copy it now. We keep only a hash of it: if it is lost, create a new secret on the subaccount&rsquo;s page and
        revoke this one.
      </Alert>
      <DialogActions>
        <Link
          to={paths.subaccount.getHref(subaccount.api_key)}
          className="inline-flex items-center rounded-md px-3.5 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
        >
          Open subaccount
        </Link>
        <Button onClick={onDone}>Done</Button>
      </DialogActions>
    </div>
  );
}
