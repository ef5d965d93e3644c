import type { QueryClient } from '@tanstack/react-query';
import { autoReloadQueryOptions } from '../../features/auto-reload/api/get-auto-reload.js';
import { AutoReloadCard } from '../../features/auto-reload/components/auto-reload-card.js';
import { BillingPage, billingLoader } from '../../features/billing/pages/billing-page.js';
import { sessionQueryOptions, useApiKey } from '../../lib/session.js';

// The billing feature's page with the auto-reload feature's settings between the methods and the
// history: composed here because features never import each other.

export const billingRouteLoader = (queryClient: QueryClient) => async () => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  if (session) void queryClient.prefetchQuery(autoReloadQueryOptions(session.account.api_key));
  return billingLoader(queryClient)();
};

export function BillingRoute() {
  const apiKey = useApiKey();
  return <BillingPage autoReload={<AutoReloadCard apiKey={apiKey} />} />;
}
