import type { Settings, SettingsRequest } from '../../../contract/account-api.js';
import { allowPrivateCallbacks } from '../../config.js';
import type { AppContext } from '../../context.js';
import type { Account } from '../../db/schema.js';
import { probeCallbackUrl } from './callback-probe.js';

/** Throughput limits are fixed per account for now; the API reports them with the settings. */
const RATE_LIMITS = { 'max-outbound-request': 30, 'max-inbound-request': 30, 'max-calls-per-second': 30 };

export class CallbackProbeError extends Error {
  constructor(
    readonly field: 'moCallBackUrl' | 'drCallBackUrl',
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}

export function describeSettings(account: Pick<Account, 'mo_callback_url' | 'dr_callback_url'>): Settings {
  return { 'mo-callback-url': account.mo_callback_url ?? '', 'dr-callback-url': account.dr_callback_url ?? '', ...RATE_LIMITS };
}

/** Saves the default webhooks after probing each new URL for a 200; an empty string unsets one. */
export async function updateSettings(ctx: AppContext, account: Account, request: SettingsRequest): Promise<Settings> {
  const changes: { mo_callback_url?: string | null; dr_callback_url?: string | null } = {};
  for (const [field, column] of [['moCallBackUrl', 'mo_callback_url'], ['drCallBackUrl', 'dr_callback_url']] as const) {
    const value = request[field];
    if (value === undefined) continue;
    if (value !== '') {
      const probe = await probeCallbackUrl(value, {
        timeoutMs: ctx.config.CALLBACK_PROBE_TIMEOUT_MS,
        allowPrivateAddresses: allowPrivateCallbacks(ctx.config),
      });
      if (!probe.ok) throw new CallbackProbeError(field, probe.reason);
    }
    changes[column] = value === '' ? null : value;
  }
  if (Object.keys(changes).length === 0) return describeSettings(account);
  const updated = await ctx.db
    .updateTable('accounts')
    .set(changes)
    .where('api_key', '=', account.api_key)
    .returning(['mo_callback_url', 'dr_callback_url'])
    .executeTakeFirstOrThrow();
  return describeSettings(updated);
}
