import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateSubaccountRequest, CreatedSubaccount } from '../../../../contract/subaccounts.js';
import { apiClient } from '../../../lib/api-client.js';
import { subaccountKeys } from './query-keys.js';
import { subaccountsUrl } from './get-subaccount.js';

/**
 * POST /accounts/{api_key}/subaccounts `{name, secret?, use_primary_account_balance?}`: 200 with the
 * subaccount and its `secret` (generated when none was chosen), returned this once. 422 problem with
 * invalid_parameters (name, secret); 403 "Maximum number of sub-accounts reached".
 */
export const createSubaccount = (apiKey: string, body: CreateSubaccountRequest) =>
  apiClient.post<CreatedSubaccount>(subaccountsUrl(apiKey), body);

export function useCreateSubaccount(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSubaccountRequest) => createSubaccount(apiKey, body),
    // The response holds the secret: drop it as soon as the dialog that shows it is gone.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: subaccountKeys.pages(apiKey) }),
  });
}
