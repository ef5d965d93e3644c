import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ModifySubaccountRequest, Subaccount } from '../../../../contract/subaccounts.js';
import { apiClient } from '../../../lib/api-client.js';
import { subaccountKeys } from './query-keys.js';
import { subaccountUrl } from './get-subaccount.js';

/**
 * PATCH /accounts/{api_key}/subaccounts/{subaccount_key} `{name?, suspended?, use_primary_account_balance?}`:
 * 200 with the subaccount. Own → shared balance is a 422 on `use_primary_account_balance`.
 */
export const updateSubaccount = (apiKey: string, subKey: string, body: ModifySubaccountRequest) =>
  apiClient.patch<Subaccount>(subaccountUrl(apiKey, subKey), body);

export function useUpdateSubaccount(apiKey: string, subKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ModifySubaccountRequest) => updateSubaccount(apiKey, subKey, body),
    onSuccess: (subaccount) => {
      queryClient.setQueryData(subaccountKeys.detail(apiKey, subKey), subaccount);
      // Its row in the lists (name, status, balance mode and the family totals).
      return queryClient.invalidateQueries({ queryKey: subaccountKeys.pages(apiKey) });
    },
  });
}
