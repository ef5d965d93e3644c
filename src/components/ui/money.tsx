import { useFormatMoney } from '../../lib/format-money.js';

/** An amount in the display currency, in tabular figures and never wrapped (so "-€80.00" stays one piece). */
export function Money({ amount }: { amount: number }) {
  const money = useFormatMoney();
  return <span className="whitespace-nowrap tabular-nums">{money(amount)}</span>;
}
