import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SignupStatus } from '../../../../contract/identity.js';
import { apiClient } from '../../../lib/api-client.js';
import { identityKeys } from './query-keys.js';

export const signupUrl = (signupId: string) => `/api/signups/${encodeURIComponent(signupId)}`;

/** GET /api/signups/{signupId}. A sign-up precedes any account, so its key is not account-scoped. */
export const getSignup = (signupId: string, signal?: AbortSignal) =>
  apiClient.get<SignupStatus>(signupUrl(signupId), { signal });

export const signupQueryOptions = (signupId: string) =>
  queryOptions({
    queryKey: identityKeys.signup(signupId),
    queryFn: ({ signal }) => getSignup(signupId, signal),
    // The countdowns are computed locally from server_time; refetching only on demand keeps them steady.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

export function useSignup(signupId: string) {
  return useQuery(signupQueryOptions(signupId));
}
