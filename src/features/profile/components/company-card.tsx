import { useState } from 'react';
import { companyRequestSchema, type Company } from '../../../../contract/company.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { countries } from '../../../lib/countries.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useUpdateCompany } from '../api/update-company.js';

const countryOptions = [{ value: '', label: 'Choose a country' }, ...countries.map((country) => ({ value: country.code, label: country.name }))];

const formValues = (company: Company) => ({
  company_name: company.company_name,
  address_line: company.address_line ?? '',
  city: company.city ?? '',
  postcode: company.postcode ?? '',
  country: company.country ?? '',
  vat_number: company.vat_number ?? '',
});

/** Invoices are addressed to the company's name and address; the owner and Administrators change them. */
export function CompanyCard({ apiKey, company }: { apiKey: string; company: Company }) {
  const update = useUpdateCompany(apiKey);
  const [saved, setSaved] = useState(false);
  const { register, submit, formError, formState } = useApiForm({
    schema: companyRequestSchema,
    defaultValues: formValues(company),
    onSubmit: async (values, form) => {
      setSaved(false);
      form.reset(formValues(await update.mutateAsync(values)));
      setSaved(true);
    },
  });
  const { errors } = formState;
  const readOnly = !company.editable;
  return (
    <Card title="Company">
      <form noValidate onSubmit={submit} className="space-y-4">
        {readOnly && <Alert variant="info">Only the account owner and Administrators can change the company details.</Alert>}
        <fieldset disabled={readOnly} className="space-y-4">
          <legend className="sr-only">Company details</legend>
          <TextField label="Company name" autoComplete="organization" hint="Invoices are addressed to this name." error={errors.company_name?.message} {...register('company_name')} />
          <TextField label="Address" autoComplete="street-address" error={errors.address_line?.message} {...register('address_line')} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="City" autoComplete="address-level2" error={errors.city?.message} {...register('city')} />
            <TextField label="Postcode" autoComplete="postal-code" error={errors.postcode?.message} {...register('postcode')} />
          </div>
          <Select label="Country" autoComplete="country" options={countryOptions} error={errors.country?.message} {...register('country')} />
          <TextField
            label="VAT number"
            autoComplete="off"
            spellCheck={false}
            hint="For companies in the EU, with its country prefix (e.g. DE136695976). Checked for the format of the company's country."
            error={errors.vat_number?.message}
            {...register('vat_number')}
          />
        </fieldset>
        <FormAlert error={formError} />
        {saved && <Alert variant="success">Company details saved.</Alert>}
        {!readOnly && (
          <Button type="submit" isLoading={formState.isSubmitting}>
            Save company details
          </Button>
        )}
      </form>
    </Card>
  );
}
