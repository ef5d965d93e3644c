import type { QueryClient } from '@tanstack/react-query';
import { Card } from '../../../components/ui/card.js';
import { CopyField } from '../../../components/ui/copy-field.js';
import { sessionQueryOptions, useApiKey } from '../../../lib/session.js';
import { accountSettingsQueryOptions } from '../api/get-account-settings.js';
import { secretsQueryOptions } from '../api/get-secrets.js';
import { SecretsCard } from '../components/secrets-card.js';
import { WebhooksCard } from '../components/webhooks-card.js';

export const apiSettingsLoader = (queryClient: QueryClient) => async () => {
  const session = await queryClient.fetchQuery(sessionQueryOptions());
  // Warm the cache; failures are shown by each card rather than the route's error boundary.
  if (session) {
    const apiKey = session.account.api_key;
    await Promise.all([
      queryClient.prefetchQuery(secretsQueryOptions(apiKey)),
      queryClient.prefetchQuery(accountSettingsQueryOptions(apiKey)),
    ]);
  }
  return null;
};

export function ApiSettingsPage() {
  const apiKey = useApiKey();
  return (
    <div className="mx-auto max-w-5xl">
      <title>API settings · Switchboard</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">API settings</h1>
      <p className="mt-1 text-sm text-slate-600">Your credentials for the API, and where we send your webhooks.</p>
      <div className="mt-6 space-y-6">
        <Card title="API key">
          <CopyField label="API key" value={apiKey} copyLabel="Copy API key" />
        </Card>
        <SecretsCard apiKey={apiKey} />
        <WebhooksCard apiKey={apiKey} />
      </div>
    </div>
  );
}
