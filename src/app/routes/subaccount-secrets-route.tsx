import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useParams, type LoaderFunctionArgs } from 'react-router-dom';
import { SubaccountSecretsPage, subaccountSecretsLoader } from '../../features/secrets/pages/subaccount-secrets-page.js';
import { subaccountQueryOptions } from '../../features/subaccounts/api/get-subaccount.js';
import { sessionQueryOptions, useApiKey } from '../../lib/session.js';

// The secrets feature's page for one subaccount, titled with the name the subaccounts feature knows:
// composed here because features never import each other.

export const subaccountSecretsRouteLoader = (queryClient: QueryClient) => async (args: LoaderFunctionArgs) => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  const subKey = args.params.subKey;
  await Promise.all([
    subaccountSecretsLoader(queryClient)(args),
    session && subKey ? queryClient.prefetchQuery(subaccountQueryOptions(session.account.api_key, subKey)) : null,
  ]);
  return null;
};

export function SubaccountSecretsRoute() {
  const subKey = useParams().subKey ?? '';
  const subaccount = useQuery(subaccountQueryOptions(useApiKey(), subKey));
  return <SubaccountSecretsPage name={subaccount.data?.name} />;
}
