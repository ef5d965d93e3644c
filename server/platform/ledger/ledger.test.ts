import { describe, expect, it } from 'vitest';
import { kindsOfFlow, ledgerKindFlows, type LedgerFlow } from './ledger.js';

// What the compiler guarantees (every kind classified, postings only inside a transaction) is in
// ledger.typecheck.ts, checked by `npm run typecheck`.
describe('ledger kinds', () => {
  it('puts every kind in exactly one flow', () => {
    const flows: LedgerFlow[] = ['in', 'spent', 'internal'];
    const partitioned = flows.flatMap(kindsOfFlow).sort();
    expect(partitioned).toEqual(Object.keys(ledgerKindFlows).sort());
    expect(kindsOfFlow('spent')).toEqual(['usage', 'number_setup', 'number_rental']);
    expect(kindsOfFlow('internal')).toEqual(['balance_transfer']);
  });
});
