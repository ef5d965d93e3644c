import { useQuery } from '@tanstack/react-query';
import type { PurchaseQuote } from '../../../../contract/numbers.js';
import { apiClient } from '../../../lib/api-client.js';
import { withQuery } from '../../../lib/url.js';
import { numberKeys } from './query-keys.js';

/** GET /api/accounts/{key}/numbers/quote?country&msisdn: setup price, first month, and the payer's available credit before and after. */
export const getPurchaseQuote = (account: string, number: { country: string; msisdn: string }, signal?: AbortSignal) =>
  apiClient.get<PurchaseQuote>(withQuery(`/api/accounts/${encodeURIComponent(account)}/numbers/quote`, number), { signal });

export function usePurchaseQuote(apiKey: string, account: string, number: { country: string; msisdn: string } | null) {
  return useQuery({
    queryKey: numberKeys.quote(apiKey, account, number?.msisdn ?? ''),
    queryFn: ({ signal }) => getPurchaseQuote(account, number!, signal),
    enabled: number !== null && account !== '',
    staleTime: 0,
  });
}
