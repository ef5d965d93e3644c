import { parsePhoneNumberFromString, type CountryCode, type NumberType as PhoneType } from 'libphonenumber-js/max';
import type { NumberFeature, NumberType } from '../../../contract/numbers.js';

/** A rentable number as the inventory stores it (money in micro-euros). */
export interface InventoryNumber {
  msisdn: string;
  country: string;
  type: NumberType;
  features: NumberFeature[];
  monthly_cost_micros: number;
  setup_price_micros: number;
  requires_local_address: boolean;
}

/** What libphonenumber-js calls each of our types (the NANP cannot tell landlines from mobiles). */
const phoneTypesOf: Record<NumberType, PhoneType[]> = {
  landline: ['FIXED_LINE', 'FIXED_LINE_OR_MOBILE'],
  'mobile-lvn': ['MOBILE', 'FIXED_LINE_OR_MOBILE'],
  'landline-toll-free': ['TOLL_FREE'],
};

/** Whether libphonenumber-js agrees that `msisdn` is a valid number of `country` and `type`. */
export function isValidFor(msisdn: string, country: string, type: NumberType): boolean {
  const parsed = parsePhoneNumberFromString(`+${msisdn}`);
  if (!parsed?.isValid() || parsed.country !== country) return false;
  const phoneType = parsed.getType();
  return phoneType !== undefined && phoneTypesOf[type].includes(phoneType);
}

interface Range {
  type: NumberType;
  /** The national number's fixed leading digits; six varying digits follow. */
  prefix: string;
  monthlyCents: number;
  setupCents: number;
  features: (i: number) => NumberFeature[];
}

const voiceOrBoth = (i: number): NumberFeature[] => (i % 3 === 0 ? ['SMS', 'VOICE'] : ['VOICE']);
const mobile = (i: number): NumberFeature[] => (i % 5 === 0 ? ['SMS'] : ['SMS', 'VOICE']);
const mobileWithMms = (i: number): NumberFeature[] => (i % 2 === 0 ? ['SMS', 'VOICE', 'MMS'] : ['SMS', 'VOICE']);
const voice = (): NumberFeature[] => ['VOICE'];

/**
 * The seeded countries, each with a landline, a mobile (long virtual number) and a toll-free range.
 * Germany and Italy sell only to companies with an address there (the spec's 420).
 */
export const seededCountries: { country: CountryCode; dialingCode: string; localAddress: boolean; ranges: Range[] }[] = [
  { country: 'GB', dialingCode: '44', localAddress: false, ranges: [
    { type: 'landline', prefix: '2079', monthlyCents: 90, setupCents: 0, features: voiceOrBoth },
    { type: 'mobile-lvn', prefix: '7400', monthlyCents: 90, setupCents: 0, features: mobile },
    { type: 'landline-toll-free', prefix: '8001', monthlyCents: 1500, setupCents: 1000, features: voice },
  ] },
  { country: 'US', dialingCode: '1', localAddress: false, ranges: [
    { type: 'landline', prefix: '2128', monthlyCents: 90, setupCents: 0, features: voiceOrBoth },
    { type: 'mobile-lvn', prefix: '6465', monthlyCents: 98, setupCents: 0, features: mobileWithMms },
    { type: 'landline-toll-free', prefix: '8005', monthlyCents: 125, setupCents: 0, features: (i) => (i % 2 === 0 ? ['SMS', 'VOICE'] : ['VOICE']) },
  ] },
  { country: 'DE', dialingCode: '49', localAddress: true, ranges: [
    { type: 'landline', prefix: '3012', monthlyCents: 150, setupCents: 500, features: voice },
    { type: 'mobile-lvn', prefix: '15123', monthlyCents: 500, setupCents: 1000, features: mobile },
    { type: 'landline-toll-free', prefix: '8001', monthlyCents: 2000, setupCents: 2500, features: voice },
  ] },
  { country: 'FR', dialingCode: '33', localAddress: false, ranges: [
    { type: 'landline', prefix: '140', monthlyCents: 120, setupCents: 0, features: voiceOrBoth },
    { type: 'mobile-lvn', prefix: '612', monthlyCents: 300, setupCents: 0, features: mobile },
    { type: 'landline-toll-free', prefix: '800', monthlyCents: 1800, setupCents: 1500, features: voice },
  ] },
  { country: 'IT', dialingCode: '39', localAddress: true, ranges: [
    { type: 'landline', prefix: '0612', monthlyCents: 180, setupCents: 500, features: voice },
    { type: 'mobile-lvn', prefix: '3123', monthlyCents: 600, setupCents: 1000, features: mobile },
    { type: 'landline-toll-free', prefix: '800', monthlyCents: 2200, setupCents: 2500, features: voice },
  ] },
  { country: 'ES', dialingCode: '34', localAddress: false, ranges: [
    { type: 'landline', prefix: '912', monthlyCents: 110, setupCents: 0, features: voiceOrBoth },
    { type: 'mobile-lvn', prefix: '612', monthlyCents: 350, setupCents: 0, features: mobile },
    { type: 'landline-toll-free', prefix: '900', monthlyCents: 1700, setupCents: 1500, features: voice },
  ] },
  { country: 'NL', dialingCode: '31', localAddress: false, ranges: [
    { type: 'landline', prefix: '201', monthlyCents: 100, setupCents: 0, features: voiceOrBoth },
    { type: 'mobile-lvn', prefix: '612', monthlyCents: 400, setupCents: 0, features: mobile },
    { type: 'landline-toll-free', prefix: '8001', monthlyCents: 1600, setupCents: 1500, features: voice },
  ] },
  { country: 'IE', dialingCode: '353', localAddress: false, ranges: [
    { type: 'landline', prefix: '12', monthlyCents: 100, setupCents: 0, features: voiceOrBoth },
    { type: 'mobile-lvn', prefix: '851', monthlyCents: 350, setupCents: 0, features: mobile },
    { type: 'landline-toll-free', prefix: '1800', monthlyCents: 1500, setupCents: 1500, features: voice },
  ] },
  { country: 'AU', dialingCode: '61', localAddress: false, ranges: [
    { type: 'landline', prefix: '291', monthlyCents: 500, setupCents: 0, features: voiceOrBoth },
    { type: 'mobile-lvn', prefix: '412', monthlyCents: 1000, setupCents: 0, features: mobile },
    { type: 'landline-toll-free', prefix: '1800', monthlyCents: 2500, setupCents: 2000, features: voice },
  ] },
];

/** Per range: 9 countries × 3 types × 750 ≈ 20 000 numbers. */
export const SEEDED_PER_RANGE = 750;

/** The `i`-th of a prefix's million six-digit suffixes, in a fixed scattered order (a step coprime with 10⁶). */
const suffixAt = (i: number) => String((i * 7919 + 104_729) % 1_000_000).padStart(6, '0');

/** The numbers of a range, in that order, that libphonenumber-js accepts for the country and type. */
export function* candidates(dialingCode: string, prefix: string, country: string, type: NumberType): Generator<string> {
  for (let i = 0; i < 1_000_000; i++) {
    const msisdn = `${dialingCode}${prefix}${suffixAt(i)}`;
    if (isValidFor(msisdn, country, type)) yield msisdn;
  }
}

/**
 * The seeded inventory: the first numbers of each range, the same every time. The ranges are blocks
 * libphonenumber-js accepts whole (a test checks every seeded number), so the migration spends no
 * time validating them.
 */
export function seededInventory(): InventoryNumber[] {
  return seededCountries.flatMap(({ country, dialingCode, localAddress, ranges }) =>
    ranges.flatMap((range) =>
      Array.from({ length: SEEDED_PER_RANGE }, (_, i) => ({
        msisdn: `${dialingCode}${range.prefix}${suffixAt(i)}`,
        country,
        type: range.type,
        features: range.features(i),
        monthly_cost_micros: range.monthlyCents * 10_000,
        setup_price_micros: range.setupCents * 10_000,
        requires_local_address: localAddress,
      })),
    ),
  );
}
