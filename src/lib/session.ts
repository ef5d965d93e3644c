import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { Session } from '../../contract/identity.js';
import { apiClient, isApiError, setCsrfToken } from './api-client.js';
import { stopRolePreview } from './role-preview.js';

// The session is shared by every feature (its account's api_key scopes their query keys), so it
// lives here rather than in a feature, as bulletproof-react keeps its auth in lib/.

export const sessionQueryKey = ['session'] as const;

/** GET /api/session: the current session, or null when nobody is signed in (401). */
export async function getSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const session = await apiClient.get<Session>('/api/session', { signal });
    setCsrfToken(session.csrf_token);
    return session;
  } catch (error) {
    if (isApiError(error, 401)) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 5 * 60_000,
  });

export function useSession() {
  return useQuery(sessionQueryOptions());
}

/** Record a session received from sign-in or PIN verification. */
export function storeSession(queryClient: QueryClient, session: Session): void {
  setCsrfToken(session.csrf_token);
  queryClient.setQueryData<Session | null>(sessionQueryKey, session);
}

/** Forget the session and everything fetched on its behalf, a role preview included. */
export function forgetSession(queryClient: QueryClient): void {
  stopRolePreview();
  setCsrfToken(null);
  queryClient.setQueryData<Session | null>(sessionQueryKey, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
}

/** The signed-in account's API key, which starts every account-scoped query key ('' when signed out). */
export function useApiKey(): string {
  return useSession().data?.account.api_key ?? '';
}
