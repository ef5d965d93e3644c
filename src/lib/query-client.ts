import { QueryClient } from '@tanstack/react-query';
import { ApiError, noAnswerReason } from './api-client.js';

/**
 * One quick retry, then the error with its reason: a 4xx answer will not change by asking again, and
 * offline there is nothing to ask; a network error or a 5xx gets one more try after a second.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  if (noAnswerReason(error) === 'offline') return false;
  return failureCount < 1;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    // networkMode 'always': offline, a query fails at once with "You are offline" instead of waiting
    // silently, and a mutation is never queued to run when the connection returns (a transfer must
    // not be sent later than the person asked for it).
    queries: { staleTime: 30_000, retry: shouldRetry, retryDelay: 1_000, refetchOnWindowFocus: true, networkMode: 'always' },
    mutations: { retry: false, networkMode: 'always' },
  },
});
