import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Db, Tx } from '../../db/database.js';
import { kindsOfFlow, ledgerKindFlows, postLedgerEntry, type LedgerFlow, type LedgerKind } from './ledger.js';

// The type assertions below are checked by `tsc` (npm run typecheck), which includes this file.
describe('ledger kinds', () => {
  it('refuses, at compile time, a kind that has no flow', () => {
    type KindsWithANewOne = LedgerKind | 'refund';
    // @ts-expect-error adding 'refund' to LedgerKind without classifying it fails the typecheck here and in ledger.ts
    const classified: Record<KindsWithANewOne, LedgerFlow> = ledgerKindFlows;
    expect(Object.keys(classified)).not.toContain('refund');
  });

  it('puts every kind in exactly one flow', () => {
    const flows: LedgerFlow[] = ['in', 'spent', 'internal'];
    const partitioned = flows.flatMap(kindsOfFlow).sort();
    expect(partitioned).toEqual(Object.keys(ledgerKindFlows).sort());
    expect(kindsOfFlow('spent')).toEqual(['usage']);
    expect(kindsOfFlow('internal')).toEqual(['balance_transfer']);
  });
});

describe('Tx', () => {
  it('tells a transaction apart from the pool', () => {
    expectTypeOf<Tx>().toExtend<Db>();
    expectTypeOf<Db>().not.toExtend<Tx>();
    expectTypeOf(postLedgerEntry).parameter(0).toEqualTypeOf<Tx>();
    // @ts-expect-error the pool is not a transaction: a posting must share the transaction of its balance change
    const postOnPool = (pool: Db) => postLedgerEntry(pool, { now: () => new Date() }, { apiKey: 'a', primaryApiKey: 'a', kind: 'usage', amountMicros: -1, actor: 'x' });
    expect(postOnPool).toBeTypeOf('function');
  });
});
