import type { QueryClient } from '@tanstack/react-query';
import { useParams, type LoaderFunctionArgs } from 'react-router-dom';
import { TextLink } from '../../../components/ui/text-link.js';
import { paths } from '../../../lib/paths.js';
import { secretsQueryOptions } from '../api/get-secrets.js';
import { SecretsCard } from '../components/secrets-card.js';

export const subaccountSecretsLoader =
  (queryClient: QueryClient) =>
  async ({ params }: LoaderFunctionArgs) => {
    // Start the request without waiting (the page shows at once); a failure (an unknown key) is shown
    // by the card rather than the error boundary.
    if (params.subKey) void queryClient.prefetchQuery(secretsQueryOptions(params.subKey));
    return null;
  };

/**
 * A subaccount's API secrets: the same card as API settings, for the subaccount's key. Titled with
 * the subaccount's name, which the route supplies (its API key until the name is known).
 */
export function SubaccountSecretsPage({ name }: { name?: string }) {
  const subKey = useParams().subKey ?? '';
  const title = name ?? `subaccount ${subKey}`;
  return (
    <div className="mx-auto max-w-5xl">
      <title>{`Secrets of ${title} · Switchboard`}</title>
      <p className="truncate text-sm" title={title}>
        <TextLink to={paths.subaccount.getHref(subKey)}>Back to {title}</TextLink>
      </p>
      <h1 className="mt-2 truncate text-2xl font-semibold tracking-tight text-slate-900" title={`API secrets of ${title}`}>
        API secrets of {title}
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        Its applications sign their requests with its API key <span className="font-mono text-xs">{subKey}</span> and one
        of these secrets.
      </p>
      <div className="mt-6">
        <SecretsCard apiKey={subKey} />
      </div>
    </div>
  );
}
