export type Currency = 'EUR' | 'USD';

const formatters = new Map<string, Intl.NumberFormat>();

/** The one place money becomes text: the user's locale, the currency's own symbol and decimals. */
export function formatMoney(amount: number, currency: Currency = 'EUR', locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2 });
    formatters.set(key, formatter);
  }
  return formatter.format(amount);
}
