import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DisplayPreference, UpdateDisplayPreferenceRequest } from '../../../../contract/display-currency.js';
import { apiClient } from '../../../lib/api-client.js';
import { displayPreferenceQueryOptions } from '../../../lib/display-currency.js';

/** PUT /api/display-currency: the user's display currency; every amount on screen follows at once. */
export const updateDisplayCurrency = (body: UpdateDisplayPreferenceRequest) => apiClient.put<DisplayPreference>('/api/display-currency', body);

export function useUpdateDisplayCurrency(apiKey: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateDisplayCurrency,
    onSuccess: (preference) => queryClient.setQueryData(displayPreferenceQueryOptions(apiKey, userId).queryKey, preference),
  });
}
