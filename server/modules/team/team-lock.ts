import { lockFamilyAccounts, type Dialect, type Tx } from '../../db/database.js';

/**
 * Serialises changes to one family's team (the member limit, the owner, roles in use) by locking its
 * primary account's row on PostgreSQL; SQLite's single writer already serialises them.
 */
export const lockTeam = (tx: Tx, dialect: Dialect, primaryApiKey: string): Promise<void> => lockFamilyAccounts(tx, dialect, primaryApiKey, [primaryApiKey]);
