import type { TransferNumberRequest } from '../../../contract/numbers.js';
import type { AppContext } from '../../context.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { Account } from '../../db/schema.js';
import type { ActivityAuthor } from '../../platform/activity/author.js';
import { recordActivity } from '../../platform/activity/record-activity.js';
import { newId } from '../../platform/ids.js';
import { ProblemError } from '../../platform/problems.js';
import { isShortCode, moveShortCode, shortCodeHolders } from '../short-codes/short-codes.js';
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
 * its start day, so the renewal day does not move; its configuration stays with the number. A shared
 * short code of the pool moves the same way, with the same rules (modules/short-codes).
 */
export async function transferNumber(ctx: AppContext, primary: Pick<Account, 'api_key'>, request: TransferNumberRequest, author: ActivityAuthor) {
  if (request.from === request.to) throw subaccountsValidation([{ name: 'from', reason: 'Invalid accounts. From and To accounts should be different' }]);
  return inTransaction(ctx.database, async (tx) => {
    const accounts = await tx.selectFrom('accounts').selectAll().where('api_key', 'in', [request.from, request.to]).where('primary_api_key', '=', primary.api_key).execute();
    const from = accounts.find((a) => a.api_key === request.from);
    const to = accounts.find((a) => a.api_key === request.to);
    if (!from || !to || (from.api_key !== primary.api_key && to.api_key !== primary.api_key)) throw numberTransferErrors.relationship(request);
    if (from.suspended === 1 || to.suspended === 1) throw numberTransferErrors.banned();
    const shortCode = await isShortCode(tx, request.number, request.country);
    if (shortCode) {
      refuseUnlessMovable(request, await shortCodeHolders(tx, primary.api_key, request.number));
      await moveShortCode(ctx, tx, { code: request.number, from: from.api_key, to: to.api_key });
    } else {
      const number = await tx.selectFrom('numbers').select('owner_api_key').where('msisdn', '=', request.number).where('country', '=', request.country).executeTakeFirst();
      refuseUnlessMovable(request, number?.owner_api_key ? [number.owner_api_key] : []);
      await moveRental(ctx, tx, primary.api_key, request);
    }
    await recordActivity(tx, ctx.clock, author, {
      kind: shortCode ? 'short_code.transferred' : 'number.transferred',
      primaryApiKey: primary.api_key,
      apiKey: to.api_key,
      objectId: request.number,
      changes: [
        { field: shortCode ? 'short_code' : 'msisdn', before: request.number, after: request.number },
        { field: 'from', before: null, after: from.api_key },
        { field: 'to', before: null, after: to.api_key },
      ],
    });
    return { number: request.number, country: request.country, from: from.api_key, to: to.api_key, masterAccountId: primary.api_key };
  });
}

/** The rental passes to the new renter with its start day, so the renewal day does not move. */
async function moveRental(ctx: AppContext, tx: Tx, primaryApiKey: string, request: TransferNumberRequest) {
  const now = ctx.clock.now().toISOString();
  const ended = await tx
    .updateTable('number_rentals')
    .set({ ended_at: now })
    .where('msisdn', '=', request.number)
    .where('api_key', '=', request.from)
    .where('ended_at', 'is', null)
    .returning(['started_on', 'monthly_cost_micros'])
    .executeTakeFirstOrThrow();
  const rentalId = newId();
  await tx
    .insertInto('number_rentals')
    .values({ id: rentalId, msisdn: request.number, api_key: request.to, primary_api_key: primaryApiKey, started_on: ended.started_on, monthly_cost_micros: ended.monthly_cost_micros, created_at: now, ended_at: null })
    .execute();
  // Guarded by the owner read before: a concurrent change of owner makes this update miss, and the transaction fail.
  await tx.updateTable('numbers').set({ owner_api_key: request.to, rental_id: rentalId }).where('msisdn', '=', request.number).where('owner_api_key', '=', request.from).returning('msisdn').executeTakeFirstOrThrow();
}

/** A number (one renter) or a shared short code (any accounts of the family) moves only from a holder to a non-holder. */
function refuseUnlessMovable(request: TransferNumberRequest, holders: string[]) {
  if (holders.length === 0) throw numberTransferErrors.notFound(request);
  if (holders.includes(request.to)) throw numberTransferErrors.conflict(request);
  if (!holders.includes(request.from)) throw numberTransferErrors.notOwned(request);
}
