import { describe, expect, it } from 'vitest';
import { lastThirtyDays, readTransferParams, toTransferFilters, writeTransferParams } from './transfer-filters.js';
import { transfersCsv } from './transfers-csv.js';

const today = new Date(2025, 2, 15, 10, 30);

describe('transfer filters', () => {
  it('defaults to the last 30 days, all kinds, every subaccount', () => {
    expect(lastThirtyDays(today)).toEqual({ from: '2025-02-13', to: '2025-03-15' });
    expect(readTransferParams(new URLSearchParams(), today)).toEqual({ kind: 'all', from: '2025-02-13', to: '2025-03-15', subaccount: '' });
  });

  it('round-trips through the URL, leaving defaults out', () => {
    const params = { kind: 'credit' as const, from: '2025-01-01', to: '2025-03-15', subaccount: 'abcd1234' };
    const search = writeTransferParams(params, today);
    expect(search.toString()).toBe('kind=credit&from=2025-01-01&subaccount=abcd1234');
    expect(readTransferParams(search, today)).toEqual(params);
  });

  it('covers whole days and refuses a range that ends before it starts', () => {
    const filters = toTransferFilters({ kind: 'all', from: '2025-03-01', to: '2025-03-01', subaccount: 'k' });
    expect(new Date(filters!.end_date!).getTime() - new Date(filters!.start_date).getTime()).toBe(24 * 3600_000 - 1);
    expect(filters!.subaccount).toBe('k');
    expect(filters!.kind).toBeUndefined();
    expect(toTransferFilters({ kind: 'credit', from: '2025-03-01', to: '2025-03-01', subaccount: '' })).not.toHaveProperty('subaccount');
    expect(toTransferFilters({ kind: 'all', from: '2025-03-02', to: '2025-03-01', subaccount: '' })).toBeNull();
  });
});

describe('transfersCsv', () => {
  it('writes one quoted row per transfer, names beside keys', () => {
    const csv = transfersCsv(
      [
        {
          id: 't1',
          kind: 'credit',
          amount: 40,
          from: 'prim0001',
          from_name: 'Ada',
          to: 'sub00001',
          to_name: 'customer 1',
          reference: 'March, "extra"',
          created_at: '2025-03-01T10:00:00.000Z',
        },
      ],
      'prim0001',
    );
    expect(csv.split('\r\n')[1]).toBe('2025-03-01T10:00:00.000Z,Credit,Your account,prim0001,customer 1,sub00001,40,"March, ""extra""",t1');
  });
});
