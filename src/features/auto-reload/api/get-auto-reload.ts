import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AutoReload } from '../../../../contract/auto-reload.js';
import { apiClient } from '../../../lib/api-client.js';
import { autoReloadKeys } from './query-keys.js';

/** GET /api/auto-reload: the state (off, armed, charging, failing, paused), method, amount, threshold, last decline and reload. */
export const getAutoReload = (signal?: AbortSignal) => apiClient.get<AutoReload>('/api/auto-reload', { signal });

export const autoReloadQueryOptions = (apiKey: string) =>
  queryOptions({
    queryKey: autoReloadKeys.settings(apiKey),
    queryFn: ({ signal }) => getAutoReload(signal),
  });

/** Polls every minute while a reload is with the processor, so "charging" turns into its outcome by itself. */
export function useAutoReload(apiKey: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    ...autoReloadQueryOptions(apiKey),
    enabled: apiKey !== '' && (options.enabled ?? true),
    refetchInterval: (query) => (query.state.data?.state === 'charging' ? 60_000 : false),
  });
}
