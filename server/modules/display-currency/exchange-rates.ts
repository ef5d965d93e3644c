import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';

/** What the operator may set as US dollars per euro: anything outside is a typo (1.0832 → 10832, 0.10832). */
export const USD_RATE_BOUNDS = { min: 0.5, max: 2 } as const;
const RATE_MICROS = 1_000_000;

export class InvalidRateError extends Error {}

/** The newest USD rate (the migration seeds one, so there always is one). */
export async function currentUsdRate(db: Db): Promise<{ usd_per_eur: number; effective_on: string }> {
  const row = await db
    .selectFrom('exchange_rates')
    .select(['per_eur_micros', 'effective_on'])
    .where('currency', '=', 'USD')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { usd_per_eur: row.per_eur_micros / RATE_MICROS, effective_on: row.effective_on };
}

/** Parses an operator's rate: a plain decimal with at most 6 decimals, within the sane bounds. */
export function parseUsdRate(text: string): number {
  if (/^\s*-/.test(text)) throw new InvalidRateError(`--usd must be a positive number of US dollars per euro, got ${text}`);
  const match = /^\d+(?:\.(\d+))?$/.exec(text.trim());
  if (!match || (match[1] ?? '').replace(/0+$/, '').length > 6) {
    throw new InvalidRateError(`--usd must be a decimal number of US dollars per euro with at most 6 decimals (e.g. 1.0832), got "${text}"`);
  }
  const rate = Number(text);
  if (!(rate >= USD_RATE_BOUNDS.min && rate <= USD_RATE_BOUNDS.max)) {
    throw new InvalidRateError(`--usd must be between ${USD_RATE_BOUNDS.min} and ${USD_RATE_BOUNDS.max} US dollars per euro, got ${text}`);
  }
  return Math.round(rate * RATE_MICROS);
}

/** Records a new USD rate, applying from today (UTC); earlier rates stay as the history. */
export async function setUsdRate(db: Db, clock: Clock, perEurMicros: number): Promise<{ usd_per_eur: number; effective_on: string }> {
  const now = clock.now();
  const effectiveOn = now.toISOString().slice(0, 10);
  await db.insertInto('exchange_rates').values({ currency: 'USD', per_eur_micros: perEurMicros, effective_on: effectiveOn, created_at: now.toISOString() }).execute();
  return { usd_per_eur: perEurMicros / RATE_MICROS, effective_on: effectiveOn };
}
