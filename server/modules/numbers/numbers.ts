import type { ExpressionBuilder } from 'kysely';
import { LOCAL_ADDRESS_REQUIRED, QUARANTINE_DAYS, UNDO_WINDOW_MINUTES, numberFeatures, type BuyRequest, type ConfigureNumberRequest, type NumberFeature, type OwnedNumber, type OwnedQuery, type SearchQuery, type UpdateRequest } from '../../../contract/numbers.js';
import { allowPrivateCallbacks } from '../../config.js';
import type { AppContext } from '../../context.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { Account, Database, NumberRow } from '../../db/schema.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { changesBetween, recordActivity } from '../../platform/activity/record-activity.js';
import { payerOf } from '../../platform/accounts/accounts-repository.js';
import { debitWithinLimit } from '../../platform/ledger/ledger.js';
import { newId } from '../../platform/ids.js';
import { ProblemError } from '../../platform/problems.js';
import { DAY, MINUTE } from '../../platform/clock.js';
import { classifyCallbackUrl, probeCallbackUrl } from '../account/callback-probe.js';
import { dayOf } from './renewal-date.js';

const METHOD_FAILED_TYPE = 'https://developer.nexmo.com/api-errors/numbers#method-failed';

/** The Numbers API's 420 "Action failed", with the label it answers in `error-code-label`. */
export class NumberActionFailed extends ProblemError {
  constructor(label = 'method failed') {
    super({ status: 420, type: METHOD_FAILED_TYPE, title: 'Action failed', detail: label });
  }
}

/** A request naming fields the API refuses: 400, each field named (the legacy body's invalid_parameters). */
export class NumberRequestInvalid extends ProblemError {
  constructor(name: string, reason: string) {
    super({ status: 400, type: 'https://developer.nexmo.com/api-errors/numbers#invalid-parameters', title: 'Invalid parameters', detail: `${name}: ${reason}`, invalidParameters: [{ name, reason }] });
  }
}

/** Euros as the Numbers API writes prices: a string with at least two decimals, never rounded ("0.90", "0.905"). */
const euros = (micros: number) => {
  const exact = (micros / 1_000_000).toFixed(6).replace(/0+$/, '');
  const decimals = exact.split('.')[1].length;
  return decimals >= 2 ? exact : `${exact}${'0'.repeat(2 - decimals)}`;
};
const featuresOf = (text: string) => text.split(',') as NumberFeature[];

/** A LIKE pattern for digits: 0 starts with, 1 contains, 2 ends with (digits need no escaping). */
function likeOf(pattern: string, searchPattern = 0): string {
  if (searchPattern === 1) return `%${pattern}%`;
  if (searchPattern === 2) return `%${pattern}`;
  return `${pattern}%`;
}

type NumbersFilter = ExpressionBuilder<Database, 'numbers'>;

/** A released number comes back on sale only once its undo window and quarantine are over. */
const onSale = (eb: NumbersFilter, now: Date) => eb.and([eb('owner_api_key', 'is', null), eb.or([eb('available_at', 'is', null), eb('available_at', '<=', now.toISOString())])]);

/** Numbers available to rent, one page, with the total (micro-euros; each edge writes them its own way). */
export async function findAvailable(ctx: AppContext, query: SearchQuery) {
  const now = ctx.clock.now();
  const where = (eb: NumbersFilter) => {
    const conditions = [eb('country', '=', query.country), onSale(eb, now)];
    if (query.type) conditions.push(eb('type', '=', query.type));
    if (query.pattern) conditions.push(eb('msisdn', 'like', likeOf(query.pattern, query.search_pattern)));
    for (const feature of query.features ?? []) conditions.push(eb(featureColumn(feature), '=', 1));
    return eb.and(conditions);
  };
  const [total, rows] = await Promise.all([
    ctx.db.selectFrom('numbers').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('numbers')
      .select(['country', 'msisdn', 'type', 'monthly_cost_micros', 'setup_price_micros', 'features'])
      .where(where)
      .orderBy('msisdn')
      .limit(query.size)
      .offset((query.index - 1) * query.size)
      .execute(),
  ]);
  return { count: Number(total.n), rows: rows.map((row) => ({ ...row, features: featuresOf(row.features) })) };
}

/** The public search's answer: string prices. */
export async function searchAvailable(ctx: AppContext, query: SearchQuery) {
  const { count, rows } = await findAvailable(ctx, query);
  return {
    count,
    numbers: rows.map((row) => ({ country: row.country, msisdn: row.msisdn, type: row.type, cost: euros(row.monthly_cost_micros), initialPrice: euros(row.setup_price_micros), features: row.features })),
  };
}

function featureColumn(feature: NumberFeature): 'sms' | 'voice' | 'mms' {
  return ({ SMS: 'sms', VOICE: 'voice', MMS: 'mms' } as const)[feature];
}

/** The numbers `apiKey` rents, one page, with the total. Unset fields are left out, as live answers do. */
export async function listOwned(ctx: AppContext, apiKey: string, query: OwnedQuery) {
  const where = (eb: NumbersFilter) => {
    const conditions = [eb('owner_api_key', '=', apiKey)];
    if (query.country) conditions.push(eb('country', '=', query.country));
    if (query.application_id) conditions.push(eb('app_id', '=', query.application_id));
    if (query.has_application !== undefined) conditions.push(eb('app_id', query.has_application ? 'is not' : 'is', null));
    if (query.pattern) conditions.push(eb('msisdn', 'like', likeOf(query.pattern, query.search_pattern)));
    return eb.and(conditions);
  };
  const [total, rows] = await Promise.all([
    ctx.db.selectFrom('numbers').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('numbers').selectAll().where(where).orderBy('msisdn').limit(query.size).offset((query.index - 1) * query.size).execute(),
  ]);
  return {
    count: Number(total.n),
    numbers: rows.map((row): OwnedNumber => {
      const owned: OwnedNumber = { country: row.country, msisdn: row.msisdn, type: row.type, features: featuresOf(row.features) };
      if (row.mo_http_url) owned.moHttpUrl = row.mo_http_url;
      if (row.app_id) Object.assign(owned, { app_id: row.app_id, messagesCallbackType: 'app', messagesCallbackValue: row.app_id });
      if (row.voice_callback_type) Object.assign(owned, { voiceCallbackType: row.voice_callback_type, voiceCallbackValue: row.voice_callback_value ?? '' });
      if (row.voice_status_callback) owned.voiceStatusCallback = row.voice_status_callback;
      return owned;
    }),
  };
}

/**
 * The account a Numbers request acts on: the caller's own, or with `target_api_key` one of the
 * primary's subaccounts (the access hook has already refused keys outside the caller's scope).
 */
async function targetOf(tx: Tx, caller: Account, targetApiKey: string | undefined): Promise<Account> {
  if (targetApiKey === undefined || targetApiKey === caller.api_key) {
    // Reached by the console, which names the account itself (a suspended key cannot call the API).
    if (caller.suspended === 1) throw new NumberActionFailed('method failed: the account is suspended');
    return caller;
  }
  if (caller.primary_api_key !== caller.api_key) throw new NumberActionFailed('target_api_key: only a primary account acts on a subaccount');
  const target = await tx.selectFrom('accounts').selectAll().where('api_key', '=', targetApiKey).where('primary_api_key', '=', caller.api_key).executeTakeFirst();
  if (!target) throw new NumberActionFailed('target_api_key: not a subaccount of this account');
  if (target.suspended === 1) throw new NumberActionFailed('target_api_key: the subaccount is suspended');
  return target;
}

/**
 * Rents a number: it becomes the target account's, and the setup price and the first month are
 * charged at once (to the primary when the target shares its balance), all in one transaction. The
 * number is claimed by one guarded update, so of two concurrent buyers exactly one gets it.
 */
export async function buyNumber(ctx: AppContext, caller: Account, request: BuyRequest, author: ActivityAuthor): Promise<void> {
  await inTransaction(ctx.database, async (tx) => {
    const target = await targetOf(tx, caller, request.target_api_key);
    const number = await tx.selectFrom('numbers').selectAll().where('msisdn', '=', request.msisdn).where('country', '=', request.country).executeTakeFirst();
    if (!number) throw new NumberActionFailed();
    if (number.owner_api_key !== null) throw new NumberActionFailed(number.owner_api_key === target.api_key ? 'method failed: you already own this number' : 'method failed');
    const now = ctx.clock.now();
    if (number.available_at !== null && number.available_at > now.toISOString()) throw new NumberActionFailed();
    if (number.requires_local_address === 1) {
      const primary = await tx.selectFrom('accounts').select(['address_line', 'address_country']).where('api_key', '=', target.primary_api_key).executeTakeFirstOrThrow();
      if (!primary.address_line || primary.address_country !== number.country) throw new NumberActionFailed(LOCAL_ADDRESS_REQUIRED);
    }
    const rentalId = newId();
    const claimed = await tx
      .updateTable('numbers')
      .set({ owner_api_key: target.api_key, primary_api_key: target.primary_api_key, rental_id: rentalId, available_at: null })
      .where('msisdn', '=', number.msisdn)
      .where((eb) => onSale(eb, now))
      .returning('msisdn')
      .executeTakeFirst();
    if (!claimed) throw new NumberActionFailed();
    await tx
      .insertInto('number_rentals')
      .values({
        id: rentalId,
        msisdn: number.msisdn,
        api_key: target.api_key,
        primary_api_key: target.primary_api_key,
        started_on: dayOf(now),
        monthly_cost_micros: number.monthly_cost_micros,
        created_at: now.toISOString(),
        ended_at: null,
        undo_until: null,
        configuration: null,
      })
      .execute();

    const payer = await payerOf(tx, target.api_key);
    if (!payer) throw new Error(`account ${target.api_key} has no payer`);
    const charges = [
      { kind: 'number_setup' as const, amountMicros: number.setup_price_micros },
      { kind: 'number_rental' as const, amountMicros: number.monthly_cost_micros },
    ].filter((charge) => charge.amountMicros > 0);
    for (const charge of charges) {
      const balance = await debitWithinLimit(tx, ctx.clock, {
        apiKey: payer.api_key,
        primaryApiKey: payer.primary_api_key,
        kind: charge.kind,
        amountMicros: -charge.amountMicros,
        reference: `number:${number.msisdn}`,
        actor: author.id ? `${author.kind}:${author.id}` : author.kind,
      });
      if (balance === null) {
        const total = euros(number.setup_price_micros + number.monthly_cost_micros);
        throw new NumberActionFailed(`method failed: not enough credit (the setup price and the first month are ${total} EUR)`);
      }
    }
    await recordActivity(tx, ctx.clock, author, {
      kind: 'number.bought',
      primaryApiKey: target.primary_api_key,
      apiKey: target.api_key,
      objectId: number.msisdn,
      changes: [
        { field: 'msisdn', before: null, after: number.msisdn },
        { field: 'country', before: null, after: number.country },
        { field: 'number_type', before: null, after: number.type },
        { field: 'monthly_cost', before: null, after: number.monthly_cost_micros / 1_000_000 },
        { field: 'setup_price', before: null, after: number.setup_price_micros / 1_000_000 },
      ],
    });
  });
}

/**
 * Ends the target account's rental of a number: it stops renewing and leaves the account at once.
 * The number is held off the market for the undo window, then quarantined (`available_at`); the
 * rental keeps its configuration so that an undo within the window puts everything back. The
 * rental row is locked before the number, the order the renewal job and transfers take.
 */
export async function cancelNumber(ctx: AppContext, caller: Account, request: BuyRequest, author: ActivityAuthor): Promise<{ msisdn: string; undo_until: string }> {
  return inTransaction(ctx.database, async (tx) => {
    const target = await targetOf(tx, caller, request.target_api_key);
    const now = ctx.clock.now();
    const undoUntil = new Date(now.getTime() + UNDO_WINDOW_MINUTES * MINUTE);
    const rental = await tx
      .updateTable('number_rentals')
      .set({ ended_at: now.toISOString(), undo_until: undoUntil.toISOString() })
      .where('msisdn', '=', request.msisdn)
      .where('api_key', '=', target.api_key)
      .where('ended_at', 'is', null)
      .where((eb) => eb.exists(eb.selectFrom('numbers').select('msisdn').where('msisdn', '=', request.msisdn).where('country', '=', request.country)))
      .returning(['id', 'msisdn'])
      .executeTakeFirst();
    // Cancelling a number the account does not rent: the Python SDK's "method failed".
    if (!rental) throw new NumberActionFailed();
    const before = await tx.selectFrom('numbers').selectAll().where('msisdn', '=', rental.msisdn).where('rental_id', '=', rental.id).executeTakeFirstOrThrow();
    await tx.updateTable('number_rentals').set({ configuration: JSON.stringify(pick(before, restoredFields)) }).where('id', '=', rental.id).execute();
    await tx
      .updateTable('numbers')
      .set({ ...releasedConfiguration, available_at: new Date(undoUntil.getTime() + QUARANTINE_DAYS * DAY).toISOString() })
      .where('msisdn', '=', rental.msisdn)
      .execute();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'number.cancelled',
      primaryApiKey: target.primary_api_key,
      apiKey: target.api_key,
      objectId: rental.msisdn,
      changes: [{ field: 'msisdn', before: rental.msisdn, after: null }],
    });
    return { msisdn: rental.msisdn, undo_until: undoUntil.toISOString() };
  });
}

/**
 * Takes back a number cancelled less than the undo window ago: the same rental reopens (same start
 * day, so the same renewal days; nothing is charged again) with the configuration it had. A renewal
 * day that passed meanwhile is charged by the next renewal pass, once, like any missed month.
 */
export async function undoCancel(ctx: AppContext, account: Account, msisdn: string, author: ActivityAuthor): Promise<void> {
  await inTransaction(ctx.database, async (tx) => {
    const now = ctx.clock.now().toISOString();
    const rental = await tx
      .updateTable('number_rentals')
      .set({ ended_at: null, undo_until: null })
      .where('msisdn', '=', msisdn)
      .where('api_key', '=', account.api_key)
      .where('undo_until', '>', now)
      .returning(['id', 'configuration'])
      .executeTakeFirst();
    if (!rental) throw new NumberActionFailed('method failed: the number can no longer be restored (the undo window is 5 minutes)');
    const configuration = JSON.parse(rental.configuration ?? '{}') as Pick<NumberRow, (typeof restoredFields)[number]>;
    await tx
      .updateTable('numbers')
      .set({ ...configuration, owner_api_key: account.api_key, primary_api_key: account.primary_api_key, rental_id: rental.id, available_at: null })
      .where('msisdn', '=', msisdn)
      .where('owner_api_key', 'is', null)
      .returning('msisdn')
      .executeTakeFirstOrThrow();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'number.restored',
      primaryApiKey: account.primary_api_key,
      apiKey: account.api_key,
      objectId: msisdn,
      changes: [{ field: 'msisdn', before: null, after: msisdn }],
    });
  });
}

/** A released number: no renter, no configuration (cancel, and the renewal job for want of credit). */
export const releasedConfiguration = {
  owner_api_key: null,
  primary_api_key: null,
  rental_id: null,
  app_id: null,
  mo_http_url: null,
  mo_smpp_sys_type: null,
  voice_callback_type: null,
  voice_callback_value: null,
  voice_status_callback: null,
  description: null,
};

const restoredFields = ['app_id', 'mo_http_url', 'mo_smpp_sys_type', 'voice_callback_type', 'voice_callback_value', 'voice_status_callback', 'description'] as const;
const pick = <T extends object, K extends keyof T>(row: T, keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, row[key]])) as Pick<T, K>;

const configurationFields = ['description', 'app_id', 'mo_http_url', 'voice_callback_type', 'voice_callback_value', 'voice_status_callback'] as const;

/** A number's configuration as the domain changes it: undefined leaves a field, null clears it. */
export type NumberConfiguration = Partial<{ [K in (typeof restoredFields)[number]]: NumberRow[K] }>;

/**
 * Changes a rented number's configuration. A new inbound webhook (`mo_http_url`) must answer a GET
 * with 200 first, as the account's default webhooks must (the same probe); the voice status
 * webhook must pass the same URL classification. Refusals name the column; each edge renames it.
 * The voice callback's value is checked against its type by both contracts.
 */
export async function configureNumber(ctx: AppContext, account: Account, number: { msisdn: string; country?: string }, changes: NumberConfiguration, author: ActivityAuthor): Promise<void> {
  const allowPrivate = allowPrivateCallbacks(ctx.config);
  if (changes.voice_status_callback) {
    const classified = classifyCallbackUrl(changes.voice_status_callback, allowPrivate);
    if (!classified.ok) throw new NumberRequestInvalid('voice_status_callback', classified.reason);
  }
  const rented = (db: Tx | AppContext['db']) => {
    const query = db.selectFrom('numbers').selectAll().where('msisdn', '=', number.msisdn).where('owner_api_key', '=', account.api_key);
    return (number.country ? query.where('country', '=', number.country) : query).executeTakeFirst();
  };
  // The probe waits on the network, so it runs before the transaction; an unchanged URL is not probed again.
  const current = await rented(ctx.db);
  if (!current) throw new NumberActionFailed();
  if (changes.mo_http_url && changes.mo_http_url !== current.mo_http_url) {
    const probe = await probeCallbackUrl(changes.mo_http_url, { timeoutMs: ctx.config.CALLBACK_PROBE_TIMEOUT_MS, allowPrivateAddresses: allowPrivate });
    if (!probe.ok) throw new NumberRequestInvalid('mo_http_url', probe.reason);
  }
  await inTransaction(ctx.database, async (tx) => {
    const before = await rented(tx);
    if (!before) throw new NumberActionFailed();
    const after = await tx.updateTable('numbers').set(changes).where('msisdn', '=', before.msisdn).returningAll().executeTakeFirstOrThrow();
    const fieldChanges = changesBetween(before, after, configurationFields);
    if (fieldChanges.length === 0) return;
    await recordActivity(tx, ctx.clock, author, {
      kind: 'number.updated',
      primaryApiKey: account.primary_api_key,
      apiKey: account.api_key,
      objectId: before.msisdn,
      changes: fieldChanges,
    });
  });
}

const publicNames: Record<string, string> = { mo_http_url: 'moHttpUrl', voice_status_callback: 'voiceStatusCallback' };

/** POST /number/update: the public fields onto the domain's, an empty string removing a value. */
export async function updateNumber(ctx: AppContext, caller: Account, request: UpdateRequest, author: ActivityAuthor): Promise<void> {
  const emptyAsNull = (value: string | undefined) => (value === undefined ? undefined : value === '' ? null : value);
  const changes: NumberConfiguration = {
    app_id: emptyAsNull(request.app_id ?? request.messagesCallbackValue),
    mo_http_url: emptyAsNull(request.moHttpUrl),
    mo_smpp_sys_type: emptyAsNull(request.moSmppSysType),
    voice_callback_type: request.voiceCallbackType,
    voice_callback_value: emptyAsNull(request.voiceCallbackValue),
    voice_status_callback: emptyAsNull(request.voiceStatusCallback),
  };
  try {
    await configureNumber(ctx, caller, request, changes, author);
  } catch (error) {
    if (!(error instanceof NumberRequestInvalid)) throw error;
    const [problem] = error.invalidParameters ?? [];
    throw new NumberRequestInvalid(publicNames[problem.name] ?? problem.name, problem.reason);
  }
}

/** The console's edit dialog: every field at once, an empty string clearing one. */
export function consoleConfiguration(request: ConfigureNumberRequest): NumberConfiguration {
  const orNull = (value: string) => (value === '' ? null : value);
  return {
    description: orNull(request.description),
    app_id: orNull(request.app_id),
    mo_http_url: orNull(request.mo_http_url),
    voice_callback_type: request.voice_callback_type === '' ? null : request.voice_callback_type,
    voice_callback_value: orNull(request.voice_callback_value),
    voice_status_callback: orNull(request.voice_status_callback),
  };
}

/** The canonical order of a set of features (SMS, VOICE, MMS). */
export function canonicalFeatures(features: NumberFeature[]): NumberFeature[] {
  return numberFeatures.filter((feature) => features.includes(feature));
}
