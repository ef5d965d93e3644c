// Compile-time guarantees of the ledger, checked by `npm run typecheck` (tsc includes this file; nothing
// here runs). Each alias fails to compile when the guarantee it names is broken.
import type { Db, Tx } from '../../db/database.js';
import type { LedgerFlow, LedgerKind, ledgerKindFlows, postLedgerEntry } from './ledger.js';

type Holds<T extends true> = T;

/** Every ledger kind has a flow: a kind added to LedgerKind alone fails in ledger.ts and here. */
export type EveryKindClassified = Holds<typeof ledgerKindFlows extends Record<LedgerKind, LedgerFlow> ? true : false>;
/** The classification is not open-ended: a kind it does not name is not accepted as classified. */
export type UnknownKindUnclassified = Holds<typeof ledgerKindFlows extends Record<LedgerKind | 'refund', LedgerFlow> ? false : true>;

/** A transaction can do what the pool does, but the pool is not a transaction. */
export type TxIsADatabase = Holds<Tx extends Db ? true : false>;
export type PoolIsNotATransaction = Holds<Db extends Tx ? false : true>;
/** A posting takes a transaction, so it shares the transaction of its balance change. */
export type PostingNeedsATransaction = Holds<Db extends Parameters<typeof postLedgerEntry>[0] ? false : true>;
