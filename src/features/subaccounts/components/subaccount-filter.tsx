import { useDeferredValue, useId, useState } from 'react';
import { TextField } from '../../../components/ui/text-field.js';
import { useSubaccountSearch } from '../api/get-subaccount-page.js';
import { useSubaccount } from '../api/get-subaccount.js';

const KEY_AT_END = /\(([0-9a-f]{8})\)$/;
const KEY = /^[0-9a-f]{8}$/;

/**
 * Choose one subaccount by typing part of its name or API key: the matches come from the paged
 * console endpoint (a family can have 10 000), offered as suggestions "name (key)". Empty: all.
 */
export function SubaccountFilter({
  apiKey,
  value,
  onChange,
}: {
  apiKey: string;
  /** The chosen subaccount's API key ('' for all). */
  value: string;
  onChange: (subKey: string) => void;
}) {
  const listId = useId();
  const [typed, setTyped] = useState<string | null>(null);
  const search = useDeferredValue(typed ?? '');
  const matches = useSubaccountSearch(apiKey, KEY_AT_END.test(search) ? '' : search.trim());
  const chosen = useSubaccount(apiKey, value && typed === null ? value : '');
  const shown = typed ?? (value ? (chosen.data ? `${chosen.data.name} (${value})` : value) : '');

  function change(text: string) {
    setTyped(text);
    const key = KEY_AT_END.exec(text.trim())?.[1] ?? (KEY.test(text.trim()) ? text.trim() : null);
    if (key) onChange(key);
    else if (text.trim() === '') onChange('');
  }

  return (
    <>
      <TextField
        label="Subaccount"
        type="search"
        autoComplete="off"
        placeholder="All subaccounts"
        list={listId}
        value={shown}
        hint="Type part of a name or API key."
        onChange={(event) => change(event.target.value)}
        onBlur={() => setTyped(null)}
      />
      <datalist id={listId}>
        {(matches.data?.items ?? []).map((sub) => (
          <option key={sub.api_key} value={`${sub.name} (${sub.api_key})`} />
        ))}
      </datalist>
    </>
  );
}
