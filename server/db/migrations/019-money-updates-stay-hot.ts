import type { Kysely } from 'kysely';

/**
 * accounts_family_money (005) indexed the balance and the credit limit, so every money movement had
 * to write a new entry into each of the accounts indexes: on PostgreSQL no update of a balance could
 * be a heap-only (HOT) update, and a hot primary's rows left dead entries in every index its lookups
 * walk. The console's sorts never used it (use_primary_account_balance stands before the amounts) and
 * the totals read the family's rows through accounts_family_created as well. Measured on one hot pair
 * of accounts, 10 connections: about 1.1–1.6 × the transfers a second without it, 98 % of them HOT.
 */
export function moneyUpdatesStayHot() {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('accounts_family_money').execute();
    },
  };
}
