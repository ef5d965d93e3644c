import { useQuery, type QueryClient } from '@tanstack/react-query';
import { useParams, type LoaderFunctionArgs } from 'react-router-dom';
import { Card } from '../../components/ui/card.js';
import { TextLink } from '../../components/ui/text-link.js';
import { activityQueryOptions } from '../../features/activity/api/get-activity.js';
import { ActivityList } from '../../features/activity/components/activity-list.js';
import { subaccountQueryOptions } from '../../features/subaccounts/api/get-subaccount.js';
import { SubaccountTabs } from '../../features/subaccounts/components/subaccount-tabs.js';
import { paths } from '../../lib/paths.js';
import { sessionQueryOptions, useApiKey } from '../../lib/session.js';

// A subaccount's History tab: the activity feature's entries about it, under the subaccounts
// feature's title and tabs; composed here because features never import each other.

export const subaccountHistoryRouteLoader = (queryClient: QueryClient) => async ({ params }: LoaderFunctionArgs) => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  const subKey = params.subKey;
  if (session && subKey) {
    void queryClient.prefetchQuery(subaccountQueryOptions(session.account.api_key, subKey));
    void queryClient.prefetchInfiniteQuery(activityQueryOptions(session.account.api_key, { api_key: subKey }));
  }
  return null;
};

export function SubaccountHistoryRoute() {
  const subKey = useParams().subKey ?? '';
  const subaccount = useQuery(subaccountQueryOptions(useApiKey(), subKey));
  const name = subaccount.data?.name ?? subKey;
  return (
    <div className="mx-auto max-w-5xl">
      <title>{`History · ${name} · Subaccounts · Switchboard`}</title>
      <p className="text-sm">
        <TextLink to={paths.subaccounts.getHref()}>
          <span aria-hidden="true">← </span>Subaccounts
        </TextLink>
      </p>
      <h1 title={name} className="mt-2 max-w-full truncate text-2xl font-semibold tracking-tight text-slate-900">
        {name}
      </h1>
      <SubaccountTabs subKey={subKey} />
      <Card title="History" className="mt-6">
        <ActivityList filters={{ api_key: subKey }} emptyText="No changes recorded for this subaccount yet." />
      </Card>
    </div>
  );
}
