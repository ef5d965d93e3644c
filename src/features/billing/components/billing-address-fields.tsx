import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import type { BillingAddress } from '../../../../contract/billing.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { countries } from '../../../lib/countries.js';

const countryChoices = [{ value: '', label: 'Choose a country' }, ...countries.map((country) => ({ value: country.code, label: country.name }))];

export const emptyAddress: BillingAddress = { billing_name: '', billing_line1: '', billing_city: '', billing_postcode: '', billing_country: '' };

/** The address of the card or PayPal account (required, seed 004): the same five fields in both forms. */
export function BillingAddressFields<T extends BillingAddress>({ register, errors }: { register: UseFormRegister<T>; errors: FieldErrors<BillingAddress> }) {
  const field = register as unknown as UseFormRegister<BillingAddress>;
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2">
      <legend className="mb-2 text-sm font-semibold text-slate-900">Billing address</legend>
      <TextField label="Name" autoComplete="name" className="sm:col-span-2" error={errors.billing_name?.message} {...field('billing_name')} />
      <TextField label="Address" autoComplete="address-line1" className="sm:col-span-2" error={errors.billing_line1?.message} {...field('billing_line1')} />
      <TextField label="City" autoComplete="address-level2" error={errors.billing_city?.message} {...field('billing_city')} />
      <TextField label="Postcode" autoComplete="postal-code" error={errors.billing_postcode?.message} {...field('billing_postcode')} />
      <Select label="Country" autoComplete="country" className="sm:col-span-2" options={countryChoices} error={errors.billing_country?.message} {...field('billing_country')} />
    </fieldset>
  );
}
