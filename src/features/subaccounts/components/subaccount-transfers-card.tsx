import { useMemo } from 'react';
import type { Subaccount } from '../../../../contract/subaccounts.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { Spinner } from '../../../components/ui/spinner.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { paths } from '../../../lib/paths.js';
import { TransfersTable } from './transfers-table.js';
import { useTransferList } from '../hooks/use-transfer-list.js';

/** Every credit and balance transfer to or from this subaccount since it was created. */
export function SubaccountTransfersCard({ apiKey, subaccount }: { apiKey: string; subaccount: Subaccount }) {
  const { api_key: subKey, created_at: createdAt } = subaccount;
  const filters = useMemo(() => ({ start_date: createdAt, subaccounts: [subKey] }), [createdAt, subKey]);
  const list = useTransferList(apiKey, 'all', filters);
  const nameOf = (key: string) => (key === subaccount.api_key ? subaccount.name : key === apiKey ? 'Your account' : key);

  return (
    <Card
      title="Transfers"
      actions={<TextLink to={paths.subaccountTransfers.getHref(subaccount.api_key)}>Filter and export</TextLink>}
    >
      {list.isPending ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-500">
          <Spinner className="size-4" /> Loading transfers…
        </p>
      ) : list.error ? (
        <div className="space-y-3">
          <Alert variant="error">{list.error.message}</Alert>
          <Button variant="secondary" size="sm" onClick={() => list.refetch()}>
            Try again
          </Button>
        </div>
      ) : list.transfers.length === 0 ? (
        <p className="text-sm text-slate-600">No credit or balance transfers with this subaccount yet.</p>
      ) : (
        <TransfersTable caption={`Transfers with ${subaccount.name}`} transfers={list.transfers} nameOf={nameOf} />
      )}
    </Card>
  );
}
