import { useId } from 'react';
import { displayCurrencies, type DisplayPreference } from '../../../../contract/display-currency.js';
import { cn } from '../../../lib/cn.js';
import { useDisplayPreference } from '../../../lib/display-currency.js';
import { formatDate } from '../../../lib/format-date.js';
import { useSession } from '../../../lib/session.js';
import { useUpdateDisplayCurrency } from '../api/update-display-currency.js';

const labels: Record<DisplayPreference['currency'], string> = { EUR: 'EUR €', USD: 'USD $ (≈)' };

/**
 * "Show amounts in": the signed-in user's display currency, where the user menu is. Charges, the
 * ledger and the API stay in euros; the hint says so and names the rate's day.
 */
export function DisplayCurrencySwitch({ className }: { className?: string }) {
  const session = useSession().data;
  const preference = useDisplayPreference();
  const update = useUpdateDisplayCurrency(session?.account.api_key ?? '', session?.user.id ?? '');
  const id = useId();
  const hintId = `${id}-hint`;
  const current = update.isPending ? update.variables.currency : (preference?.currency ?? 'EUR');
  const hint = preference
    ? `Display only: you are charged in EUR. USD at $${preference.usd_rate.usd_per_eur} per euro (rate of ${formatDate(preference.usd_rate.effective_on)}).`
    : 'Display only: you are charged in EUR.';

  return (
    <div className={cn('flex items-center gap-2', className)}>
      <label htmlFor={id} className="sr-only text-sm text-slate-600 sm:not-sr-only">
        Amounts in
      </label>
      <select
        id={id}
        aria-describedby={hintId}
        title={hint}
        value={current}
        disabled={!preference || update.isPending}
        onChange={(event) => update.mutate({ currency: event.target.value as DisplayPreference['currency'] })}
        className="rounded-md border-0 bg-white py-1 pr-7 pl-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
      >
        {displayCurrencies.map((currency) => (
          <option key={currency} value={currency}>
            {labels[currency]}
          </option>
        ))}
      </select>
      <span id={hintId} className="sr-only">
        {hint}
      </span>
      {update.isError && (
        <span role="alert" className="text-xs text-red-700">
          Not changed: {update.error.message}
        </span>
      )}
    </div>
  );
}
