import { Link } from 'react-router-dom';
import { Card } from '../../../components/ui/card.js';
import { Can } from '../../../lib/authorization.js';
import { paths } from '../../../lib/paths.js';
import { useApiKey } from '../../../lib/session.js';
import type { FamilyAccount } from '../components/family-account.js';
import { OwnedNumbers } from '../components/owned-numbers.js';

/** Numbers › Your numbers (seed 004): every number the family rents, in the member's scope. */
export function NumbersPage({ accounts }: { accounts: FamilyAccount[] }) {
  const apiKey = useApiKey();
  return (
    <div className="mx-auto max-w-6xl">
      <title>Your numbers · Switchboard</title>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Your numbers</h1>
          <p className="mt-1 text-sm text-slate-600">Numbers renew every month on the day they were bought while the credit covers them.</p>
        </div>
        <Can permission="numbers:write">
          {(can) =>
            can.disabled ? null : (
              <Link to={paths.buyNumbers.getHref()} className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
                Buy numbers
              </Link>
            )
          }
        </Can>
      </div>
      <Card className="mt-6">
        <OwnedNumbers apiKey={apiKey} accounts={accounts} />
      </Card>
    </div>
  );
}

/** A subaccount's numbers, on its page. */
export function SubaccountNumbersCard({ accounts, subKey }: { accounts: FamilyAccount[]; subKey: string }) {
  const apiKey = useApiKey();
  return (
    <Card title="Numbers" className="mt-6">
      <OwnedNumbers apiKey={apiKey} accounts={accounts} account={subKey} />
    </Card>
  );
}
