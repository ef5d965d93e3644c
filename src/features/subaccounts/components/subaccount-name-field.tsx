import { useDeferredValue, type ComponentProps } from 'react';
import { SUBACCOUNT_NAME_MAX } from '../../../../contract/subaccounts.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useSubaccountSearch } from '../api/get-subaccount-page.js';

/**
 * A subaccount's name with its limit and a live count (a longer name is reported, never silently cut),
 * and a warning when another subaccount already has it: the API allows that, so the console says so
 * rather than refusing.
 */
export function SubaccountNameField({
  apiKey,
  value,
  ownKey,
  hint,
  ...props
}: Omit<ComponentProps<typeof TextField>, 'label' | 'maxLength' | 'hint'> & {
  apiKey: string;
  value: string;
  /** The subaccount being renamed: its own name is no duplicate. */
  ownKey?: string;
  hint?: string;
}) {
  const name = useDeferredValue(value.trim());
  const matches = useSubaccountSearch(apiKey, name);
  const duplicate =
    name === ''
      ? undefined
      : matches.data?.items.find((sub) => sub.api_key !== ownKey && sub.name.toLowerCase() === name.toLowerCase());
  const length = value.length;
  return (
    <TextField
      label="Name"
      autoComplete="off"
      hint={
        <>
          {hint && `${hint} `}
          <span className={length > SUBACCOUNT_NAME_MAX ? 'font-medium text-red-600' : undefined}>
            {length} of {SUBACCOUNT_NAME_MAX} characters.
          </span>
          {duplicate && (
            <span role="status" className="mt-1 block text-amber-800">
              Another subaccount is already called “{duplicate.name}” ({duplicate.api_key}). You can use the name
              again, but the two will be hard to tell apart.
            </span>
          )}
        </>
      }
      {...props}
    />
  );
}
