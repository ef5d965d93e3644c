import { useId, useState } from 'react';
import { addShortCodeRequestSchema, shortCodePurposeLabels, shortCodePurposes, type ShortCodeOptions, type ShortCodePurpose } from '../../../../contract/short-codes.js';
import { Button } from '../../../components/ui/button.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { Select } from '../../../components/ui/select.js';
import { Can } from '../../../lib/authorization.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useAddShortCode } from '../api/add-short-code.js';

/** "Add a shared short code": for two-factor authentication or for alerting, to the primary or a subaccount. */
export function AddShortCodeForm({ apiKey, options }: { apiKey: string; options: ShortCodeOptions }) {
  const add = useAddShortCode(apiKey);
  const [purpose, setPurpose] = useState<ShortCodePurpose>('two_factor');
  const [added, setAdded] = useState('');
  const statusId = useId();
  const codesFor = (p: ShortCodePurpose) => options.pool.filter((entry) => entry.purpose === p).map((entry) => ({ value: entry.code, label: `${entry.code} (${entry.country})` }));
  const {
    register,
    submit,
    formError,
    setValue,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: addShortCodeRequestSchema,
    defaultValues: { api_key: options.accounts[0]?.api_key ?? '', code: codesFor('two_factor')[0]?.value ?? '' },
    onSubmit: async (values) => {
      setAdded('');
      const shortCode = await add.mutateAsync(values);
      setAdded(`Short code ${shortCode.code} added: configure its message below.`);
    },
  });

  const choosePurpose = (next: ShortCodePurpose) => {
    setPurpose(next);
    setValue('code', codesFor(next)[0]?.value ?? '');
  };

  return (
    <form noValidate onSubmit={submit} className="space-y-4" onChange={() => setAdded('')}>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">What for</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {shortCodePurposes.map((p) => (
            <label key={p} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="radio" name="purpose" value={p} checked={purpose === p} onChange={() => choosePurpose(p)} className="size-4 border-slate-300 text-indigo-600 focus:ring-indigo-600" />
              {p === 'two_factor' ? 'A short code for two-factor authentication' : 'A short code for alerting'}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Select label={`Short code (${shortCodePurposeLabels[purpose].toLowerCase()})`} options={codesFor(purpose)} error={errors.code?.message} {...register('code')} />
        <Select
          label="Account"
          options={options.accounts.map((account) => ({ value: account.api_key, label: `${account.name} (${account.api_key})` }))}
          error={errors.api_key?.message}
          {...register('api_key')}
        />
      </div>
      <FormAlert error={formError} />
      <div className="flex flex-wrap items-center gap-3">
        <Can permission="numbers:write">
          {(can) => (
            <Button type="submit" isLoading={isSubmitting} aria-describedby={statusId} {...can}>
              Add short code
            </Button>
          )}
        </Can>
        <p id={statusId} role="status" className="text-sm font-medium text-emerald-700">
          {added}
        </p>
      </div>
    </form>
  );
}
