import type { CancelResponse } from '../../../../contract/numbers.js';

/** An account of the family that can hold numbers, as the page composing this feature lists them. */
export interface FamilyAccount {
  api_key: string;
  name: string;
  primary: boolean;
}

/** "+447700900000": numbers are stored as E.164 digits. */
export const formatMsisdn = (msisdn: string) => `+${msisdn}`;

export const typeLabels = { landline: 'Landline', 'mobile-lvn': 'Mobile', 'landline-toll-free': 'Toll-free' } as const;

export const accountLabel = (account: FamilyAccount) => (account.primary ? `${account.name} (primary)` : account.name);

/** A number just cancelled from `account`, which can be restored until `undo_until`. */
export interface Cancelled extends CancelResponse {
  account: string;
}
