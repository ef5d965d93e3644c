import { useCallback, useMemo } from 'react';
import { eurosToMicros } from '../../contract/money.js';
import { useDisplayPreference } from './display-currency.js';
import { formatDate } from './format-date.js';

export type Currency = 'EUR' | 'USD';

/** The finest unit the server counts in: a micro-euro (and a micro-dollar when USD is shown). */
const MAX_DECIMALS = 6;

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: Currency, locale: string | undefined, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}|${maximumFractionDigits}`;
  let cached = formatters.get(key);
  if (!cached) {
    // "$" rather than "US$" in every locale: the display has one dollar, and marks it approximate.
    const currencyDisplay = currency === 'USD' ? 'narrowSymbol' : 'symbol';
    cached = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay, minimumFractionDigits: 2, maximumFractionDigits });
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * The one place money becomes text, with one display rule: two decimals unless the amount has more,
 * then all its significant decimals (€2.00, €0.041, €12.345678), in the user's locale.
 */
export function formatMoney(amount: number, currency: Currency, locale?: string): string {
  return formatter(currency, locale, MAX_DECIMALS).format(amount);
}

/** What the console shows amounts in: euros, or US dollars converted at the operator's rate of a day. */
export type MoneyDisplay = { currency: 'EUR' } | { currency: 'USD'; usdPerEur: number; rateDate: string };

/**
 * An amount of euros as the display shows it. In USD it is marked as approximate ("≈ $12.34"): cents,
 * or four decimals below one dollar so that a price per SMS does not read as $0.04 for every country.
 */
export function formatDisplayMoney(euros: number, display: MoneyDisplay, locale?: string): string {
  if (display.currency === 'EUR') return formatMoney(euros, 'EUR', locale);
  const usd = ((eurosToMicros(euros) ?? Math.round(euros * 1e6)) * display.usdPerEur) / 1e6;
  return `≈ ${formatter('USD', locale, Math.abs(usd) < 1 ? 4 : 2).format(usd)}`;
}

/** "Converted from €11.39 at $1.0832 per euro, the rate of 30 Nov 2026; charged in EUR." */
export function conversionNote(euros: number, display: MoneyDisplay, locale?: string): string | null {
  if (display.currency === 'EUR') return null;
  return `Converted from ${formatMoney(euros, 'EUR', locale)} at $${display.usdPerEur} per euro, the rate of ${formatDate(display.rateDate)}; charged in EUR.`;
}

/**
 * The signed-in user's display, the one place a component learns the currency; EUR until their
 * preference (and the rate) has loaded.
 */
export function useMoneyDisplay(): MoneyDisplay {
  const preference = useDisplayPreference();
  const usdPerEur = preference?.currency === 'USD' ? preference.usd_rate.usd_per_eur : null;
  const rateDate = preference?.usd_rate.effective_on ?? '';
  return useMemo(() => (usdPerEur === null ? { currency: 'EUR' } : { currency: 'USD', usdPerEur, rateDate }), [usdPerEur, rateDate]);
}

/** formatMoney in the display currency, for components that need the text (a dialog's sentence). */
export function useFormatMoney(): (amount: number) => string {
  const display = useMoneyDisplay();
  return useCallback((amount: number) => formatDisplayMoney(amount, display), [display]);
}
