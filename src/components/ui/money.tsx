import { conversionNote, formatDisplayMoney, useMoneyDisplay } from '../../lib/format-money.js';

/**
 * An amount in the display currency, in tabular figures and never wrapped (so "-€80.00" stays one
 * piece). Converted to USD it says so: a tooltip with the rate and its date, and the same words for
 * screen readers.
 */
export function Money({ amount }: { amount: number }) {
  const display = useMoneyDisplay();
  const note = conversionNote(amount, display);
  return (
    <span className="whitespace-nowrap tabular-nums" title={note ?? undefined}>
      {formatDisplayMoney(amount, display)}
      {note && <span className="sr-only"> ({note})</span>}
    </span>
  );
}
