import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DisplayPreference } from '../../contract/display-currency.js';
import { apiClient } from './api-client.js';
import { useSession } from './session.js';

// Shared like the session: every amount on every page reads the user's display currency through
// <Money> and useFormatMoney; the display-currency feature only changes it.

/** GET /api/display-currency: the signed-in user's display currency and the USD rate. */
export const getDisplayPreference = (signal?: AbortSignal) => apiClient.get<DisplayPreference>('/api/display-currency', { signal });

export const displayPreferenceQueryOptions = (apiKey: string, userId: string) =>
  queryOptions({
    queryKey: ['account', apiKey, 'display-currency', userId],
    queryFn: ({ signal }) => getDisplayPreference(signal),
    staleTime: 10 * 60_000,
  });

/** The signed-in user's preference; undefined while loading or signed out (amounts show in EUR meanwhile). */
export function useDisplayPreference(): DisplayPreference | undefined {
  const session = useSession().data;
  const apiKey = session?.account.api_key ?? '';
  const userId = session?.user.id ?? '';
  return useQuery({ ...displayPreferenceQueryOptions(apiKey, userId), enabled: apiKey !== '' && userId !== '' }).data;
}
