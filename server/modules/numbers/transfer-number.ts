import type { TransferNumberRequest } from '../../../contract/numbers.js';
import type { AppContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { Account } from '../../db/schema.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { newId } from '../../platform/ids.js';
import { ProblemError } from '../../platform/problems.js';
import { subaccountsValidation } from '../subaccounts/errors.js';

const base = 'https://developer.nexmo.com/api-errors/account/subaccounts';

/** The Subaccounts API's number-transfer refusals (vonage-api.md §4.3), their texts as the live API words them. */
export const numberTransferErrors = {
  relationship: (r: TransferNumberRequest) =>
    new ProblemError({
      status: 403,
      type: `${base}#invalid-number-transfer`,
      title: 'Invalid Number Transfer',
      detail: `Failed to perform transfer number ${r.number} from account ${r.from} to ${r.to} - The relationship between these two accounts does not allow for number transfer`,
    }),
  notOwned: (r: TransferNumberRequest) =>
    new ProblemError({ status: 403, type: `${base}#invalid-number-transfer`, title: 'Invalid Number Transfer', detail: `Could not transfer number ${r.number} from account ${r.from} to ${r.to} - ShortCode is not owned by from account` }),
  banned: () => new ProblemError({ status: 403, type: `${base}#invalid-number-transfer`, title: 'Invalid Number Transfer', detail: 'One of the accounts involved in the transfer is banned' }),
  notFound: (r: TransferNumberRequest) =>
    new ProblemError({ status: 404, type: `${base}#missing-number-transfer`, title: 'Invalid Number Transfer', detail: `Could not transfer number ${r.number} from account ${r.from} to ${r.to} - ShortCode not found` }),
  conflict: (r: TransferNumberRequest) =>
    new ProblemError({ status: 409, type: `${base}#transfer-conflict`, title: 'Transfer Conflict', detail: `Could not transfer number ${r.number} from account ${r.from} to ${r.to} - ShortCode is already owned by requesting account` }),
};

/**
 * Moves a rented number between a primary and one of its subaccounts (either way). The rental keeps
 * its start day, so the renewal day does not move; its configuration stays with the number.
 */
export async function transferNumber(ctx: AppContext, primary: Pick<Account, 'api_key'>, request: TransferNumberRequest, author: ActivityAuthor) {
  if (request.from === request.to) throw subaccountsValidation([{ name: 'from', reason: 'Invalid accounts. From and To accounts should be different' }]);
  return inTransaction(ctx.database, async (tx) => {
    const accounts = await tx.selectFrom('accounts').selectAll().where('api_key', 'in', [request.from, request.to]).where('primary_api_key', '=', primary.api_key).execute();
    const from = accounts.find((a) => a.api_key === request.from);
    const to = accounts.find((a) => a.api_key === request.to);
    if (!from || !to || (from.api_key !== primary.api_key && to.api_key !== primary.api_key)) throw numberTransferErrors.relationship(request);
    if (from.suspended === 1 || to.suspended === 1) throw numberTransferErrors.banned();
    const number = await tx.selectFrom('numbers').select(['msisdn', 'owner_api_key']).where('msisdn', '=', request.number).where('country', '=', request.country).executeTakeFirst();
    if (!number || number.owner_api_key === null) throw numberTransferErrors.notFound(request);
    if (number.owner_api_key === to.api_key) throw numberTransferErrors.conflict(request);
    if (number.owner_api_key !== from.api_key) throw numberTransferErrors.notOwned(request);

    const now = ctx.clock.now().toISOString();
    const ended = await tx
      .updateTable('number_rentals')
      .set({ ended_at: now })
      .where('msisdn', '=', number.msisdn)
      .where('api_key', '=', from.api_key)
      .where('ended_at', 'is', null)
      .returning(['started_on', 'monthly_cost_micros'])
      .executeTakeFirstOrThrow();
    const rentalId = newId();
    await tx
      .insertInto('number_rentals')
      .values({ id: rentalId, msisdn: number.msisdn, api_key: to.api_key, primary_api_key: primary.api_key, started_on: ended.started_on, monthly_cost_micros: ended.monthly_cost_micros, created_at: now, ended_at: null })
      .execute();
    // Guarded by the owner read above: a concurrent change of owner makes this update miss, and the transaction fail.
    await tx.updateTable('numbers').set({ owner_api_key: to.api_key, rental_id: rentalId }).where('msisdn', '=', number.msisdn).where('owner_api_key', '=', from.api_key).returning('msisdn').executeTakeFirstOrThrow();
    await recordActivity(tx, ctx.clock, author, {
      kind: 'number.transferred',
      primaryApiKey: primary.api_key,
      apiKey: to.api_key,
      objectId: number.msisdn,
      changes: [
        { field: 'msisdn', before: number.msisdn, after: number.msisdn },
        { field: 'from', before: null, after: from.api_key },
        { field: 'to', before: null, after: to.api_key },
      ],
    });
    return { number: number.msisdn, country: request.country, from: from.api_key, to: to.api_key, masterAccountId: primary.api_key };
  });
}
