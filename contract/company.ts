import {
  austria,
  belgium,
  bulgaria,
  checkVAT,
  croatia,
  cyprus,
  czechRepublic,
  denmark,
  estonia,
  finland,
  france,
  germany,
  greece,
  hungary,
  ireland,
  italy,
  latvia,
  lithuania,
  luxembourg,
  malta,
  netherlands,
  poland,
  portugal,
  romania,
  slovakiaRepublic,
  slovenia,
  spain,
  sweden,
} from 'jsvat';
import { z } from 'zod';

// The EU member states' VAT formats (and check digits), as the jsvat library knows them.
const euVatCountries = [
  austria, belgium, bulgaria, croatia, cyprus, czechRepublic, denmark, estonia, finland, france, germany, greece, hungary, ireland,
  italy, latvia, lithuania, luxembourg, malta, netherlands, poland, portugal, romania, slovakiaRepublic, slovenia, spain, sweden,
];

/** Whether a VAT number has the format (and check digits) of the EU country `country` (ISO 3166 alpha-2). */
export function vatProblem(vatNumber: string, country: string): string | null {
  const countryOfVat = euVatCountries.find((candidate) => candidate.codes[0] === country);
  if (!countryOfVat) return 'VAT numbers are checked for companies in the EU: leave it empty for a company elsewhere';
  const prefix = country === 'GR' ? 'EL' : country;
  if (!vatNumber.startsWith(prefix)) return `A ${countryOfVat.name} VAT number starts with ${prefix}`;
  if (!checkVAT(vatNumber, [countryOfVat]).isValid) return `This is not a valid ${countryOfVat.name} VAT number: check its digits`;
  return null;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .transform((value) => (value === '' ? null : value))
    .nullable();

/** The company the account belongs to; invoices are addressed to its name and address. */
export const companyRequestSchema = z
  .object({
    company_name: z.string().trim().min(1, 'Enter the company name').max(100, 'Use at most 100 characters'),
    address_line: optionalText(200),
    city: optionalText(100),
    postcode: optionalText(20),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2})?$/, 'Choose a country')
      .transform((value) => (value === '' ? null : value))
      .nullable(),
    vat_number: z
      .string()
      .trim()
      .toUpperCase()
      .transform((value) => value.replace(/[\s.-]/g, ''))
      .transform((value) => (value === '' ? null : value))
      .nullable(),
  })
  .superRefine((company, context) => {
    if (company.vat_number === null) return;
    if (company.country === null) {
      context.addIssue({ code: 'custom', path: ['country'], message: 'Choose the country of the company to check its VAT number' });
      return;
    }
    const problem = vatProblem(company.vat_number, company.country);
    if (problem) context.addIssue({ code: 'custom', path: ['vat_number'], message: problem });
  });
export type CompanyRequest = z.input<typeof companyRequestSchema>;

export const companySchema = z.object({
  company_name: z.string(),
  address_line: z.string().nullable(),
  city: z.string().nullable(),
  postcode: z.string().nullable(),
  country: z.string().nullable(),
  vat_number: z.string().nullable(),
  /** Whether the signed-in user may change it (the owner and Administrators). */
  editable: z.boolean(),
});
export type Company = z.infer<typeof companySchema>;
