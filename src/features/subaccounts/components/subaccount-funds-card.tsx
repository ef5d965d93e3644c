import type { Subaccount, SubaccountList } from '../../../../contract/subaccounts.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { Money } from '../../../components/ui/money.js';
import { cn } from '../../../lib/cn.js';
import { availableToSpend } from '../utils/amounts.js';
import { SHARED_NO_TRANSFERS } from './balance-mode-text.js';
import { transferActions, type TransferAction } from './transfer-dialog.js';
import { Can } from '../../../lib/authorization.js';

type Primary = SubaccountList['_embedded']['primary_account'];

/** What the subaccount can spend, and the transfers that change it. */
export function SubaccountFundsCard({
  subaccount,
  primary,
  onTransfer,
}: {
  subaccount: Subaccount;
  /** The primary's own numbers; undefined while they load. */
  primary: Primary | undefined;
  onTransfer: (action: TransferAction) => void;
}) {
  if (subaccount.use_primary_account_balance || subaccount.balance === null || subaccount.credit_limit === null) {
    return (
      <Card title="Balance">
        <p className="text-sm font-medium text-slate-900">Uses your balance</p>
        <p className="mt-1 text-sm text-slate-600">
          It spends from your account&rsquo;s balance and credit limit: whatever you can spend, it can spend.
        </p>
        {primary && (
          <dl className="mt-4 grid grid-cols-[repeat(auto-fit,minmax(7.5rem,1fr))] gap-3 text-sm">
            <Figure label="Your balance" value={primary.balance} />
            <Figure label="Your credit limit" value={primary.credit_limit} />
            <Figure label="Available to spend" value={availableToSpend(primary)} />
          </dl>
        )}
        <Alert variant="info" className="mt-4">
          {SHARED_NO_TRANSFERS}
        </Alert>
      </Card>
    );
  }

  const funds = { balance: subaccount.balance, credit_limit: subaccount.credit_limit };
  return (
    <Card title="Balance">
      <dl className="grid grid-cols-[repeat(auto-fit,minmax(8.5rem,1fr))] gap-3 text-sm">
        <Figure label="Balance" value={funds.balance} large />
        <Figure label="Credit limit" value={funds.credit_limit} large />
        <Figure label="Available to spend" value={availableToSpend(funds)} large />
      </dl>
      <p className="mt-3 text-sm text-slate-600">
        It can spend down to its credit limit. Give it credit to let it go into debt, or add balance to fund it.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-2" role="group" aria-label="Transfers">
        <Can permission="subaccounts:transfer">
          {(can) =>
            transferActions.map((action) => (
              <Button
                key={action.label}
                variant={action.direction === 'to-subaccount' ? 'primary' : 'secondary'}
                size="sm"
                disabled={!primary}
                {...can}
                onClick={() => onTransfer(action)}
              >
                {action.label}
              </Button>
            ))
          }
        </Can>
      </div>
    </Card>
  );
}

function Figure({ label, value, large = false }: { label: string; value: number; large?: boolean }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className={cn('whitespace-nowrap text-slate-900 tabular-nums', large ? 'mt-0.5 text-xl font-semibold' : 'font-medium')}>
        <Money amount={value} />
      </dd>
    </div>
  );
}
