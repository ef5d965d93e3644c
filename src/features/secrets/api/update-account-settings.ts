import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Settings, settingsRequestSchema } from '../../../../contract/account-api.js';
import { apiClient } from '../../../lib/api-client.js';
import { accountSettingsQueryOptions } from './get-account-settings.js';

/**
 * POST /account/settings (the public Account API) with JSON `{moCallBackUrl?, drCallBackUrl?}`; ""
 * unsets a webhook. Each new URL is probed for a 200 first: 200 with the settings, or a legacy 400
 * `{"error-code", "error-code-label", invalid_parameters: [{name: 'drCallBackUrl', reason}]}`.
 */
export type SettingsUpdate = z.input<typeof settingsRequestSchema>;

export const updateAccountSettings = (body: SettingsUpdate) =>
  apiClient.post<Settings>('/account/settings', body);

export function useUpdateAccountSettings(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAccountSettings,
    onSuccess: (settings) => queryClient.setQueryData(accountSettingsQueryOptions(apiKey).queryKey, settings),
  });
}
