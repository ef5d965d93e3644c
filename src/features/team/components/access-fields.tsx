import { useDeferredValue, useId, useState, type Ref } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { permissionLabels } from '../../../../contract/permissions.js';
import type { Role } from '../../../../contract/team.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useScopeCandidates } from '../api/get-scope-candidates.js';

export interface Subaccount {
  api_key: string;
  name: string;
}

/**
 * A member's role and scope, shared by the invitation and the change of access. Not tied to one form:
 * each form passes its registered role and scope fields, the chosen subaccounts and its errors.
 */
export function AccessFields({
  apiKey,
  roles,
  roleField,
  roleId,
  scopeField,
  scope,
  chosen,
  onChosenChange,
  chosenRef,
  errors,
}: {
  apiKey: string;
  roles: readonly Role[];
  roleField: UseFormRegisterReturn;
  roleId: string;
  scopeField: UseFormRegisterReturn;
  scope: 'family' | 'subaccounts';
  chosen: readonly Subaccount[];
  onChosenChange: (chosen: Subaccount[]) => void;
  /** Where focus goes when the server names the subaccounts as the field at fault. */
  chosenRef: Ref<HTMLInputElement>;
  errors: { role_id?: string; scope?: string; subaccounts?: string };
}) {
  const scopeId = useId();
  return (
    <>
      <Select
        label="Role"
        error={errors.role_id}
        options={roles.map((role) => ({ value: role.id, label: role.built_in ? role.name : `${role.name} (custom)` }))}
        hint={roleSummary(roles.find((role) => role.id === roleId))}
        {...roleField}
      />
      <fieldset aria-describedby={errors.scope ? `${scopeId}-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">Scope</legend>
        <div className="mt-2 space-y-2">
          <label className="flex items-start gap-3 text-sm text-slate-800">
            <input type="radio" value="family" className="mt-0.5 size-4 accent-indigo-600" {...scopeField} />
            <span>
              <span className="block font-medium">The whole account</span>
              <span className="block text-slate-600">The primary account and every subaccount, including those created later.</span>
            </span>
          </label>
          <label className="flex items-start gap-3 text-sm text-slate-800">
            <input type="radio" value="subaccounts" className="mt-0.5 size-4 accent-indigo-600" {...scopeField} />
            <span>
              <span className="block font-medium">Chosen subaccounts</span>
              <span className="block text-slate-600">Only these subaccounts; everything else is hidden from them.</span>
            </span>
          </label>
        </div>
        {errors.scope && (
          <p id={`${scopeId}-error`} className="mt-1.5 text-sm text-red-600">
            {errors.scope}
          </p>
        )}
      </fieldset>
      {scope === 'subaccounts' && (
        <SubaccountPicker apiKey={apiKey} chosen={chosen} onChange={onChosenChange} searchRef={chosenRef} error={errors.subaccounts} />
      )}
    </>
  );
}

/** What the chosen role allows, under the role select. */
function roleSummary(role: Role | undefined): string {
  if (!role) return 'Each role is a set of permissions; build your own under Roles.';
  if (role.permissions.length === 0) return 'No permissions.';
  return `Can: ${role.permissions.map((permission) => permissionLabels[permission]).join('; ')}.`;
}

function SubaccountPicker({
  apiKey,
  chosen,
  onChange,
  searchRef,
  error,
}: {
  apiKey: string;
  chosen: readonly Subaccount[];
  onChange: (chosen: Subaccount[]) => void;
  searchRef: Ref<HTMLInputElement>;
  error?: string;
}) {
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const candidates = useScopeCandidates(apiKey, deferred);
  const listId = useId();
  const isChosen = (key: string) => chosen.some((account) => account.api_key === key);
  const toggle = (account: Subaccount) =>
    onChange(isChosen(account.api_key) ? chosen.filter((other) => other.api_key !== account.api_key) : [...chosen, account]);
  const found = candidates.data?.subaccounts ?? [];

  return (
    <fieldset aria-describedby={`${listId}-summary`}>
      <legend className="text-sm font-medium text-slate-800">Subaccounts</legend>
      <p id={`${listId}-summary`} className="mt-1 text-sm text-slate-600">
        {chosen.length === 0 ? 'None chosen yet.' : `Chosen: ${chosen.map((account) => account.name).join(', ')}.`}
      </p>
      <TextField
        ref={searchRef}
        className="mt-2"
        label="Find subaccounts"
        type="search"
        value={search}
        error={error}
        hint="By name or API key; the first 50 matches are listed."
        onChange={(event) => setSearch(event.target.value)}
      />
      <ul aria-label="Matching subaccounts" className="mt-2 max-h-48 space-y-1 overflow-y-auto rounded-md p-1 ring-1 ring-slate-200">
        {[...chosen.filter((account) => !found.some((other) => other.api_key === account.api_key)), ...found].map((account) => (
          <li key={account.api_key}>
            <label className="flex items-center gap-3 rounded px-2 py-1.5 text-sm text-slate-800 hover:bg-slate-50">
              <input type="checkbox" className="size-4 accent-indigo-600" checked={isChosen(account.api_key)} onChange={() => toggle(account)} />
              <span className="min-w-0 truncate">{account.name}</span>
              <span className="ml-auto font-mono text-xs text-slate-500">{account.api_key}</span>
            </label>
          </li>
        ))}
        {candidates.isSuccess && found.length === 0 && <li className="px-2 py-1.5 text-sm text-slate-500">No subaccount matches.</li>}
      </ul>
    </fieldset>
  );
}
