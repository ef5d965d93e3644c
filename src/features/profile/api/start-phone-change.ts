import { useMutation } from '@tanstack/react-query';
import type { PhoneChangeRequest, PhoneChangeStatus } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';

/** POST /api/profile/phone {phone, country}: 201 with the PIN's status; 409 when the number belongs to an account. */
export const startPhoneChange = (body: PhoneChangeRequest) => apiClient.post<PhoneChangeStatus>('/api/profile/phone', body);

export function useStartPhoneChange() {
  return useMutation({ mutationFn: startPhoneChange });
}
