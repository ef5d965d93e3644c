import { useCallback } from 'react';

export type Currency = 'EUR' | 'USD';

/** The finest unit the server counts in: a micro-euro (and a micro-dollar when USD is shown). */
const MAX_DECIMALS = 6;

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * The one place money becomes text, with one display rule: two decimals unless the amount has more,
 * then all its significant decimals (€2.00, €0.041, €12.345678), in the user's locale.
 */
export function formatMoney(amount: number, currency: Currency, locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits: MAX_DECIMALS,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(amount);
}

/**
 * The currency the console shows amounts in. Every account sees euros (the operating currency) until
 * billing lets it choose USD; that choice is read here, so no component names a currency.
 */
export function useDisplayCurrency(): Currency {
  return 'EUR';
}

/** formatMoney in the display currency, for components. */
export function useFormatMoney(): (amount: number) => string {
  const currency = useDisplayCurrency();
  return useCallback((amount: number) => formatMoney(amount, currency), [currency]);
}
