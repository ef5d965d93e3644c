import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { VerifyPhoneChangeRequest } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';
import { profileKeys } from './query-keys.js';

/** POST /api/profile/phone/verify {pin}: 200 {phone}; 422 with `attempts_left`. */
export const verifyPhoneChange = (body: VerifyPhoneChangeRequest) => apiClient.post<{ phone: string }>('/api/profile/phone/verify', body);

export function useVerifyPhoneChange(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: verifyPhoneChange, onSuccess: () => queryClient.invalidateQueries({ queryKey: profileKeys.profile(apiKey) }) });
}
