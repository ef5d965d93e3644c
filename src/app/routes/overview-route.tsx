import type { QueryClient } from '@tanstack/react-query';
import { OverviewPage, overviewLoader } from '../../features/account/pages/overview-page.js';
import { runwayQueryOptions } from '../../features/balance-alerts/api/get-runway.js';
import { RunwayCard } from '../../features/balance-alerts/components/runway-card.js';
import { SpendCard } from '../../features/usage/components/spend-card.js';
import { useCan } from '../../lib/authorization.js';
import { sessionQueryOptions, useApiKey } from '../../lib/session.js';

// The account feature's overview with the balance-alerts feature's runway under the balance and the
// usage feature's spend (for those with usage:read):
// composed here because features never import each other.

export const overviewRouteLoader = (queryClient: QueryClient) => async () => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  if (session) void queryClient.prefetchQuery(runwayQueryOptions(session.account.api_key, session.account.api_key));
  return overviewLoader(queryClient)();
};

export function OverviewRoute() {
  const apiKey = useApiKey();
  const canSeeUsage = useCan('usage:read');
  return <OverviewPage runway={<RunwayCard apiKey={apiKey} accountKey={apiKey} />} spend={canSeeUsage && <SpendCard apiKey={apiKey} />} />;
}
