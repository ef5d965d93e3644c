import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConfigureNumberRequest } from '../../../../contract/numbers.js';
import { apiClient } from '../../../lib/api-client.js';
import { numberKeys, numberUrl } from './query-keys.js';

/** PUT /api/accounts/{key}/numbers/{msisdn} with every field (empty for none): 204; a new inbound webhook must answer 200 to a GET first. */
export const configureNumber = (account: string, msisdn: string, body: ConfigureNumberRequest) => apiClient.put<void>(numberUrl(account, msisdn), body);

export function useConfigureNumber(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ account, msisdn, body }: { account: string; msisdn: string; body: ConfigureNumberRequest }) => configureNumber(account, msisdn, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: numberKeys.owned(apiKey) }),
  });
}
