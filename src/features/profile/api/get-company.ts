import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Company } from '../../../../contract/company.js';
import { apiClient } from '../../../lib/api-client.js';
import { profileKeys } from './query-keys.js';

/** GET /api/company: name, address, VAT number, and whether the user may change them. */
export const getCompany = (signal?: AbortSignal) => apiClient.get<Company>('/api/company', { signal });

export const companyQueryOptions = (apiKey: string) => queryOptions({ queryKey: profileKeys.company(apiKey), queryFn: ({ signal }) => getCompany(signal) });

export function useCompany(apiKey: string) {
  return useQuery({ ...companyQueryOptions(apiKey), enabled: apiKey !== '' });
}
