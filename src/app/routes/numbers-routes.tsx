import type { FamilyAccount } from '../../features/numbers/components/family-account.js';
import { BuyNumbersPage } from '../../features/numbers/pages/buy-numbers-page.js';
import { NumbersPage } from '../../features/numbers/pages/numbers-page.js';
import { useSubaccountSearch } from '../../features/subaccounts/api/get-subaccount-page.js';
import { useCan } from '../../lib/authorization.js';
import { useApiKey, useSession } from '../../lib/session.js';

// The numbers feature's pages with the accounts of the family from the subaccounts feature (the
// owner of each number, where to buy into, where to move to): composed here because features never
// import each other.

/** The primary and its subaccounts (the first 20 by name, those in the member's scope). */
export function useFamilyAccounts(): FamilyAccount[] {
  const apiKey = useApiKey();
  const session = useSession();
  const subaccounts = useSubaccountSearch(useCan('subaccounts:read') ? apiKey : '', '');
  const primary = { api_key: apiKey, name: subaccounts.data?.primary.name ?? session.data?.account.company_name ?? apiKey, primary: true };
  return [primary, ...(subaccounts.data?.items ?? []).map((sub) => ({ api_key: sub.api_key, name: sub.name, primary: false }))];
}

export function NumbersRoute() {
  return <NumbersPage accounts={useFamilyAccounts()} />;
}

/** A member limited to some subaccounts buys only into them. */
export function BuyNumbersRoute() {
  const session = useSession();
  const accounts = useFamilyAccounts();
  const scoped = session.data?.scope.kind === 'subaccounts';
  return <BuyNumbersPage accounts={scoped ? accounts.filter((account) => !account.primary) : accounts} />;
}
