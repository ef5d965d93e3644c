import { ledgerKindFlows, type LedgerKind } from '../../platform/ledger/ledger.js';

/** How statements and exports name each ledger kind: a kind without a label does not compile. */
const ledgerKindLabels: Record<LedgerKind, string> = {
  test_credit: 'Test credit',
  top_up: 'Top-up',
  adjustment: 'Adjustment',
  payment: 'Payment',
  payment_refund: 'Refund',
  usage: 'Usage',
  number_setup: 'Number setup',
  number_rental: 'Number rental',
  balance_transfer: 'Balance transfer',
};

export const ledgerKindLabel = (kind: string): string => (Object.hasOwn(ledgerKindLabels, kind) ? ledgerKindLabels[kind as LedgerKind] : kind);

export const isLedgerKind = (kind: string): kind is LedgerKind => Object.hasOwn(ledgerKindFlows, kind);
