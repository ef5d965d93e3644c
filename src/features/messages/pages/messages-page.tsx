import type { QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useSearchParams, type LoaderFunctionArgs } from 'react-router-dom';
import { Card } from '../../../components/ui/card.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { messageSettingsQueryOptions } from '../api/get-message-settings.js';
import { messagesExportHref, messagesQueryOptions } from '../api/search-messages.js';
import { MessageFilters } from '../components/message-filters.js';
import { MessageTable } from '../components/message-table.js';
import { MessageTextSetting } from '../components/message-text-setting.js';
import { readMessageFilters, toMessageQuery, writeMessageFilters } from '../utils/message-filters.js';

export const messagesLoader =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    if (session) {
      const apiKey = session.account.api_key;
      void queryClient.prefetchInfiniteQuery(messagesQueryOptions(apiKey, toMessageQuery(readMessageFilters(new URL(request.url).searchParams))));
      void queryClient.prefetchQuery(messageSettingsQueryOptions(apiKey));
    }
    return null;
  };

/** Search the family's SMS, sent and received; a member with a scope sees only their subaccounts' messages. */
export function MessagesPage() {
  const apiKey = useApiKey();
  const [searchParams, setSearchParams] = useSearchParams();
  const values = useMemo(() => readMessageFilters(searchParams), [searchParams]);
  const filters = useMemo(() => toMessageQuery(values), [values]);

  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <title>Messages · Switchboard</title>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Messages</h1>
          <p className="mt-1 text-sm text-slate-600">Every SMS sent through the API or the console, accepted or rejected, with its delivery receipt, and every SMS your numbers received.</p>
        </div>
        <a
          href={messagesExportHref(filters)}
          download
          className="inline-flex items-center rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          Export CSV
        </a>
      </div>
      <Card title="Filters">
        <MessageFilters values={values} onApply={(next) => setSearchParams(writeMessageFilters(next), { replace: true })} />
      </Card>
      <Card title="Results">
        <MessageTable filters={filters} />
      </Card>
      <Card title="Message text">
        <MessageTextSetting apiKey={apiKey} />
      </Card>
    </div>
  );
}
