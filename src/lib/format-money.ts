export type Currency = 'EUR' | 'USD';

export interface FormatMoneyOptions {
  locale?: string;
  /**
   * Show every significant decimal down to the micro-euro the server counts in (€0.041, €1.959),
   * instead of rounding to cents. For per-part prices and balances that such prices change.
   */
  exact?: boolean;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** The one place money becomes text: the user's locale, the currency's own symbol and decimals. */
export function formatMoney(amount: number, currency: Currency = 'EUR', options: FormatMoneyOptions = {}): string {
  const { locale, exact = false } = options;
  const key = `${locale ?? ''}|${currency}|${exact}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      ...(exact ? { maximumFractionDigits: 6 } : {}),
    });
    formatters.set(key, formatter);
  }
  return formatter.format(amount);
}
