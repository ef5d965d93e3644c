import { microsToEuros } from '../../../contract/money.js';
import type { Runway } from '../../../contract/balance-alerts.js';
import type { Db } from '../../db/database.js';
import type { Account } from '../../db/schema.js';
import { DAY, type Clock } from '../../platform/clock.js';
import { kindsOfFlow } from '../../platform/ledger/ledger.js';

/** The spend the forecast averages over. */
export const RUNWAY_WINDOW_DAYS = 7;

export interface RunwayForecast {
  dailySpendMicros: number;
  /** Null: no recent spend (or no threshold); `now` when the balance is already there. */
  thresholdAt: Date | null;
  zeroAt: Date | null;
  daysToThreshold: number | null;
  daysToZero: number | null;
}

/**
 * When a balance spent at the average daily rate of the window reaches `thresholdMicros` and zero.
 * Pure: the same inputs always give the same dates.
 */
export function forecastRunway(input: { balanceMicros: number; thresholdMicros: number | null; spentMicros: number; windowDays: number; now: Date }): RunwayForecast {
  const dailySpendMicros = Math.max(0, input.spentMicros) / input.windowDays;
  const reach = (target: number | null) => {
    if (target === null) return { at: null, days: null };
    if (input.balanceMicros <= target) return { at: input.now, days: 0 };
    if (dailySpendMicros === 0) return { at: null, days: null };
    const days = (input.balanceMicros - target) / dailySpendMicros;
    return { at: new Date(input.now.getTime() + Math.round(days * DAY)), days: Math.round(days * 10) / 10 };
  };
  const threshold = reach(input.thresholdMicros);
  const zero = reach(0);
  return { dailySpendMicros, thresholdAt: threshold.at, zeroAt: zero.at, daysToThreshold: threshold.days, daysToZero: zero.days };
}

/**
 * The runway of the balance `account` spends from (its own, or its primary's when it shares it): its
 * spent ledger entries of the last days and its alert threshold, when the alert is on.
 */
export async function runwayOf(db: Db, clock: Clock, account: Account): Promise<Runway> {
  const payerKey = account.use_primary_account_balance === 1 && account.api_key !== account.primary_api_key ? account.primary_api_key : account.api_key;
  const now = clock.now();
  const since = new Date(now.getTime() - RUNWAY_WINDOW_DAYS * DAY).toISOString();
  const [payer, spent, alert] = await Promise.all([
    db.selectFrom('accounts').select('balance_micros').where('api_key', '=', payerKey).executeTakeFirstOrThrow(),
    db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_micros'), eb.lit(0)).as('total'))
      .where('api_key', '=', payerKey)
      .where('created_at', '>=', since)
      .where('kind', 'in', kindsOfFlow('spent'))
      .executeTakeFirstOrThrow(),
    db.selectFrom('balance_alerts').select(['threshold_micros', 'enabled']).where('api_key', '=', payerKey).executeTakeFirst(),
  ]);
  const thresholdMicros = alert?.enabled === 1 ? alert.threshold_micros : null;
  const forecast = forecastRunway({ balanceMicros: payer.balance_micros, thresholdMicros, spentMicros: -Number(spent.total), windowDays: RUNWAY_WINDOW_DAYS, now });
  return {
    api_key: account.api_key,
    payer_api_key: payerKey,
    balance: microsToEuros(payer.balance_micros),
    threshold: thresholdMicros === null ? null : microsToEuros(thresholdMicros),
    window_days: RUNWAY_WINDOW_DAYS,
    daily_spend: Math.round(forecast.dailySpendMicros) / 1_000_000,
    threshold_at: forecast.thresholdAt?.toISOString() ?? null,
    zero_at: forecast.zeroAt?.toISOString() ?? null,
    days_to_threshold: forecast.daysToThreshold,
    days_to_zero: forecast.daysToZero,
    as_of: now.toISOString(),
  };
}
