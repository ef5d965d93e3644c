import type { DisplayPreference } from '../../../contract/display-currency.js';
import type { AppContext } from '../../context.js';
import { inTransaction, type Db } from '../../db/database.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import type { SessionActor } from '../../platform/auth/actor.js';
import { currentUsdRate } from './exchange-rates.js';

type Currency = DisplayPreference['currency'];

async function currencyOf(db: Db, userId: string): Promise<Currency> {
  const row = await db.selectFrom('user_preferences').select('display_currency').where('user_id', '=', userId).executeTakeFirst();
  return row?.display_currency ?? 'EUR';
}

export async function readDisplayPreference(db: Db, userId: string): Promise<DisplayPreference> {
  const [currency, usdRate] = await Promise.all([currencyOf(db, userId), currentUsdRate(db)]);
  return { currency, usd_rate: usdRate };
}

/** A user's own choice: only the console's display changes; charges, the ledger and the API stay in EUR. */
export async function setDisplayCurrency(ctx: AppContext, user: SessionActor, currency: Currency, author: ActivityAuthor): Promise<DisplayPreference> {
  await inTransaction(ctx.database, async (tx) => {
    const before = await currencyOf(tx, user.userId);
    if (before === currency) return;
    const now = ctx.clock.now().toISOString();
    await tx
      .insertInto('user_preferences')
      .values({ user_id: user.userId, display_currency: currency, updated_at: now })
      .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ display_currency: currency, updated_at: now }))
      .execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'preferences.display_currency_changed',
      primaryApiKey: user.primaryApiKey,
      apiKey: null,
      objectId: user.userId,
      changes: [{ field: 'display_currency', before, after: currency }],
    });
  });
  return readDisplayPreference(ctx.db, user.userId);
}
