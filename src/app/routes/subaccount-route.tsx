import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useParams, type LoaderFunctionArgs } from 'react-router-dom';
import { runwayQueryOptions } from '../../features/balance-alerts/api/get-runway.js';
import { SubaccountBalanceAlert } from '../../features/balance-alerts/components/subaccount-balance-alert.js';
import { subaccountQueryOptions } from '../../features/subaccounts/api/get-subaccount.js';
import { SubaccountPage, subaccountLoader } from '../../features/subaccounts/pages/subaccount-page.js';
import { SubaccountNumbersCard } from '../../features/numbers/pages/numbers-page.js';
import { SpendCard } from '../../features/usage/components/spend-card.js';
import { useCan } from '../../lib/authorization.js';
import { sessionQueryOptions, useApiKey } from '../../lib/session.js';
import { useFamilyAccounts } from './numbers-routes.js';

// The subaccounts feature's page with the balance-alerts feature's runway and alert for it and the
// usage feature's spend of it (for those with usage:read):
// composed here because features never import each other.

export const subaccountRouteLoader = (queryClient: QueryClient) => async (args: LoaderFunctionArgs) => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  const subKey = args.params.subKey;
  if (session && subKey) void queryClient.prefetchQuery(runwayQueryOptions(session.account.api_key, subKey)).catch(() => undefined);
  return subaccountLoader(queryClient)(args);
};

export function SubaccountRoute() {
  const apiKey = useApiKey();
  const subKey = useParams().subKey ?? '';
  const subaccount = useQuery(subaccountQueryOptions(apiKey, subKey));
  const canSeeUsage = useCan('usage:read');
  const canReadNumbers = useCan('numbers:read');
  const accounts = useFamilyAccounts();
  return (
    <SubaccountPage
      balanceAlert={subaccount.data && <SubaccountBalanceAlert apiKey={apiKey} subaccount={subaccount.data} />}
      spend={canSeeUsage && <SpendCard apiKey={apiKey} accountKey={subKey} />}
      numbers={canReadNumbers && <SubaccountNumbersCard accounts={accounts} subKey={subKey} />}
    />
  );
}
