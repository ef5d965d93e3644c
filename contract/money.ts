/** Money is integer micro-euros everywhere but the wire, where it is a decimal number of euros. */
export const MICROS_PER_EURO = 1_000_000;

export function microsToEuros(micros: number): number {
  return micros / MICROS_PER_EURO;
}

/**
 * Exact conversion of a decimal amount of euros (number or numeric string) to micro-euros.
 * Returns null when the value is not a finite decimal or is finer than a micro-euro.
 */
export function eurosToMicros(value: number | string): number | null {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > 6) return null;
  const micros = Number(whole) * MICROS_PER_EURO + Number(significant.padEnd(6, '0'));
  if (!Number.isSafeInteger(micros)) return null;
  return sign === '-' ? -micros : micros;
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) return 'NaN';
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * Micro-euros as exact decimal text in euros, with integer arithmetic only: two decimals unless the
 * amount has more (`-12.50`, `0.0035`). Files that carry amounts as text (CSV) use it.
 */
export function microsToDecimalText(micros: number): string {
  if (!Number.isSafeInteger(micros)) throw new Error(`not an amount of micro-euros: ${micros}`);
  const magnitude = Math.abs(micros);
  const whole = Math.floor(magnitude / MICROS_PER_EURO);
  const fraction = String(magnitude % MICROS_PER_EURO).padStart(6, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${micros < 0 ? '-' : ''}${whole}.${fraction}`;
}
