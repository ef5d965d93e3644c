import { useState } from 'react';
import type { ConsoleNumber } from '../../../../contract/numbers.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { Select } from '../../../components/ui/select.js';
import { useTransferNumber } from '../api/transfer-number.js';
import { accountLabel, formatMsisdn, type FamilyAccount } from './family-account.js';

/**
 * Move a number between the primary and a subaccount: a subaccount's number goes to the primary; the
 * primary's to the subaccount chosen. The renewal day stays, nothing is charged.
 */
export function TransferNumberDialog({
  apiKey,
  number,
  accounts,
  onClose,
  onDone,
}: {
  apiKey: string;
  number: ConsoleNumber | null;
  accounts: FamilyAccount[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const transfer = useTransferNumber(apiKey);
  const targets = number ? accounts.filter((account) => (number.account.primary ? !account.primary : account.primary)) : [];
  const [chosen, setChosen] = useState('');
  const to = targets.find((account) => account.api_key === chosen) ?? targets[0];
  return (
    <ConfirmDialog
      open={number !== null}
      title={number ? `Move ${formatMsisdn(number.msisdn)}` : ''}
      confirmLabel={to ? `Move to ${to.name}` : 'Move'}
      variant="primary"
      isPending={transfer.isPending}
      error={transfer.error?.message}
      onClose={() => {
        transfer.reset();
        setChosen('');
        onClose();
      }}
      onConfirm={() => {
        if (!number || !to) return;
        transfer.mutate(
          { account: number.account.api_key, msisdn: number.msisdn, body: { country: number.country, to: to.api_key } },
          {
            onSuccess: () => {
              setChosen('');
              onDone(`${formatMsisdn(number.msisdn)} moved to ${to.name}.`);
            },
          },
        );
      }}
    >
      {number && (
        <div className="space-y-3">
          <p>
            From <strong>{number.account.name}</strong>. It keeps its configuration and renews on the same day; nothing is charged.
          </p>
          {targets.length === 0 ? (
            <p>There is no subaccount to move it to.</p>
          ) : number.account.primary ? (
            <Select label="Move to" value={to?.api_key ?? ''} onChange={(event) => setChosen(event.target.value)} options={targets.map((account) => ({ value: account.api_key, label: accountLabel(account) }))} />
          ) : (
            <p>To the primary account, {to?.name}.</p>
          )}
        </div>
      )}
    </ConfirmDialog>
  );
}
