import { useMutation } from '@tanstack/react-query';
import type { TwoFactorEnrolment } from '../../../../contract/profile.js';
import { apiClient } from '../../../lib/api-client.js';

/** POST /api/profile/two-factor/enrolment: 201 with the QR code (SVG) and the secret to type by hand. */
export const startTwoFactorEnrolment = () => apiClient.post<TwoFactorEnrolment>('/api/profile/two-factor/enrolment');

export function useStartTwoFactorEnrolment() {
  return useMutation({ mutationFn: startTwoFactorEnrolment });
}
