import type { MessageSettings } from '../../../contract/messages.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';

/** Whether the family's messages are recorded with (the first 160 characters of) their text. */
export async function messageSettings(ctx: AppContext, primaryApiKey: string): Promise<MessageSettings> {
  const row = await ctx.db.selectFrom('accounts').select('store_message_text').where('api_key', '=', primaryApiKey).executeTakeFirstOrThrow();
  return { store_message_text: row.store_message_text === 1 };
}

/** Turns storing message text on or off for the family, from the next message on. */
export async function updateMessageSettings(ctx: AppContext, primaryApiKey: string, settings: MessageSettings, author: ActivityAuthor): Promise<MessageSettings> {
  const store = settings.store_message_text ? 1 : 0;
  await inTransaction(ctx.database, async (tx) => {
    const before = await tx.selectFrom('accounts').select('store_message_text').where('api_key', '=', primaryApiKey).executeTakeFirstOrThrow();
    if (before.store_message_text === store) return;
    await tx.updateTable('accounts').set({ store_message_text: store }).where('api_key', '=', primaryApiKey).execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'settings.updated',
      primaryApiKey,
      apiKey: primaryApiKey,
      changes: [{ field: 'store_message_text', before: before.store_message_text === 1, after: settings.store_message_text }],
    });
  });
  return settings;
}
