import { eurosToMicros, microsToEuros } from '../../../../contract/money.js';

export type TransferKind = 'credit' | 'balance';

/** An account's money as the API reports it: euros, credit_limit ≤ 0 (-60: may go 60 into debt). */
export interface Funds {
  balance: number;
  credit_limit: number;
}

// Sums in micro-euros (the server's unit), so 0.1 + 0.2 is 0.3 and nothing is rounded away.
const micros = (euros: number) => eurosToMicros(euros) ?? Math.round(euros * 1_000_000);

/** What an account can still spend: balance − credit limit. */
export function availableToSpend({ balance, credit_limit }: Funds): number {
  return microsToEuros(micros(balance) - micros(credit_limit));
}

/**
 * Credit an account can give: |credit_limit| − |balance| when the balance is negative, else
 * |credit_limit| (seed 003: limit -60, balance -20 → 40).
 */
export function creditAvailable({ balance, credit_limit }: Funds): number {
  const limit = Math.abs(micros(credit_limit));
  const available = balance < 0 ? limit - Math.abs(micros(balance)) : limit;
  return microsToEuros(Math.max(0, available));
}

/** Balance an account can transfer: balance − credit_limit (it may go down to its credit limit). */
export function balanceAvailable(funds: Funds): number {
  return Math.max(0, availableToSpend(funds));
}

export function availableFor(kind: TransferKind, funds: Funds): number {
  return kind === 'credit' ? creditAvailable(funds) : balanceAvailable(funds);
}

/** Both sides after moving `amount` of credit limit or balance from `from` to `to`. */
export function afterTransfer(kind: TransferKind, from: Funds, to: Funds, amount: number): { from: Funds; to: Funds } {
  const moved = micros(amount);
  const shift = (funds: Funds, delta: number): Funds =>
    kind === 'credit'
      ? { ...funds, credit_limit: microsToEuros(micros(funds.credit_limit) + delta) }
      : { ...funds, balance: microsToEuros(micros(funds.balance) + delta) };
  // Giving credit raises the giver's limit towards 0 and lowers the receiver's.
  return kind === 'credit'
    ? { from: shift(from, moved), to: shift(to, -moved) }
    : { from: shift(from, -moved), to: shift(to, moved) };
}

// "12.50" or "12,50": a decimal comma is read as a point; no thousands separators.
const AMOUNT = /^(\d+)(?:\.(\d+))?$/;
const normalise = (text: string) => text.trim().replace(',', '.');

/** A typed amount in euros ("40", "12.5", "5,50"): a positive number of at most micro-euro precision, else null. */
export function parseAmount(text: string): number | null {
  const normal = normalise(text);
  if (!AMOUNT.test(normal)) return null;
  const value = eurosToMicros(normal);
  return value === null || value <= 0 ? null : microsToEuros(value);
}

/**
 * Why a typed amount cannot be sent, in the words the form shows (null when it can): a well-formed
 * amount above what is available says how much is, rather than calling its format wrong.
 */
export function amountProblem(text: string, available: number, money: (amount: number) => string): string | null {
  const normal = normalise(text);
  const match = AMOUNT.exec(normal);
  if (normal === '') return 'Enter an amount';
  if (!match) return 'Enter an amount in euros, such as 40 or 12.50';
  if (Number(normal) > available) return `At most ${money(available)} is available`;
  if ((match[2] ?? '').replace(/0+$/, '').length > 6) return 'Use at most 6 decimals (a millionth of a euro)';
  if (parseAmount(normal) === null) return 'Enter an amount greater than 0';
  return null;
}
