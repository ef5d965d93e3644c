import type { Settings, SettingsRequest } from '../../../contract/account-api.js';
import { allowPrivateCallbacks } from '../../config.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { Account } from '../../db/schema.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { changesBetween, recordActivity } from '../../platform/activity/record-activity.js';
import { probeCallbackUrl } from './callback-probe.js';

/** Throughput limits are fixed per account for now; the API reports them with the settings. */
const RATE_LIMITS = { 'max-outbound-request': 30, 'max-inbound-request': 30, 'max-calls-per-second': 30 };

export interface ProbeFailure {
  field: 'moCallBackUrl' | 'drCallBackUrl';
  reason: string;
}

/** One or both webhook URLs failed the probe; nothing was saved. */
export class CallbackProbeError extends Error {
  constructor(readonly failures: ProbeFailure[]) {
    super(failures.map((failure) => `${failure.field} ${failure.reason}`).join('; '));
  }
}

export function describeSettings(account: Pick<Account, 'mo_callback_url' | 'dr_callback_url'>): Settings {
  return { 'mo-callback-url': account.mo_callback_url ?? '', 'dr-callback-url': account.dr_callback_url ?? '', ...RATE_LIMITS };
}

/** Saves the default webhooks after probing every new URL for a 200 (all failures reported); an empty string unsets one. */
export async function updateSettings(ctx: AppContext, account: Account, request: SettingsRequest, author: ActivityAuthor): Promise<Settings> {
  const changes: { mo_callback_url?: string | null; dr_callback_url?: string | null } = {};
  const fields = [['moCallBackUrl', 'mo_callback_url'], ['drCallBackUrl', 'dr_callback_url']] as const;
  const probes = await Promise.all(
    fields.map(async ([field]) => {
      const value = request[field];
      if (!value) return null;
      const probe = await probeCallbackUrl(value, {
        timeoutMs: ctx.config.CALLBACK_PROBE_TIMEOUT_MS,
        allowPrivateAddresses: allowPrivateCallbacks(ctx.config),
      });
      return probe.ok ? null : { field, reason: probe.reason };
    }),
  );
  const failures = probes.filter((failure): failure is ProbeFailure => failure !== null);
  if (failures.length > 0) throw new CallbackProbeError(failures);
  for (const [field, column] of fields) {
    const value = request[field];
    if (value !== undefined) changes[column] = value === '' ? null : value;
  }
  if (Object.keys(changes).length === 0) return describeSettings(account);
  const updated = await inTransaction(ctx.database, async (tx) => {
    const before = await tx.selectFrom('accounts').select(['mo_callback_url', 'dr_callback_url']).where('api_key', '=', account.api_key).executeTakeFirstOrThrow();
    const after = await tx
      .updateTable('accounts')
      .set(changes)
      .where('api_key', '=', account.api_key)
      .returning(['mo_callback_url', 'dr_callback_url'])
      .executeTakeFirstOrThrow();
    const fieldChanges = changesBetween(before, after, ['mo_callback_url', 'dr_callback_url']);
    if (fieldChanges.length > 0) {
      await recordActivity(tx, ctx.clock, author, { kind: 'settings.updated', primaryApiKey: account.primary_api_key, apiKey: account.api_key, changes: fieldChanges });
    }
    return after;
  });
  return describeSettings(updated);
}
