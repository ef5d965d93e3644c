import { useMemo } from 'react';
import type { Subaccount } from '../../../../contract/subaccounts.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { LoadingLine, LoadError } from '../../../components/ui/query-state.js';
import { TextLink } from '../../../components/ui/text-link.js';
import { paths } from '../../../lib/paths.js';
import { useTransferHistory } from '../api/get-transfer-history.js';
import { TransfersTable } from './transfers-table.js';

/** Every credit and balance transfer to or from this subaccount since it was created, newest first. */
export function SubaccountTransfersCard({ apiKey, subaccount }: { apiKey: string; subaccount: Subaccount }) {
  const { api_key: subKey, created_at: createdAt } = subaccount;
  const filters = useMemo(() => ({ start_date: createdAt, subaccount: subKey }), [createdAt, subKey]);
  const list = useTransferHistory(apiKey, filters);

  return (
    <Card
      title="Transfers"
      actions={<TextLink to={paths.subaccountTransfers.getHref(subaccount.api_key)}>Filter and export</TextLink>}
    >
      {list.isPending ? (
        <LoadingLine label="Loading transfers…" />
      ) : list.error ? (
        <LoadError message={list.error.message} onRetry={() => list.refetch()} />
      ) : list.transfers.length === 0 ? (
        <p className="text-sm text-slate-600">No credit or balance transfers with this subaccount yet.</p>
      ) : (
        <>
          <TransfersTable caption={`Transfers with ${subaccount.name}`} transfers={list.transfers} primaryKey={apiKey} />
          {list.hasNextPage && (
            <Button variant="secondary" size="sm" className="mt-3" isLoading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
              Show more
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
