import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Company, CompanyRequest } from '../../../../contract/company.js';
import { apiClient } from '../../../lib/api-client.js';
import { sessionQueryKey } from '../../../lib/session.js';
import { companyQueryOptions } from './get-company.js';

/** PUT /api/company (owner and Administrators): 200 Company; 422 naming the field (the VAT number's format for its EU country); 403 for anyone else. */
export const updateCompany = (body: CompanyRequest) => apiClient.put<Company>('/api/company', body);

export function useUpdateCompany(apiKey: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCompany,
    onSuccess: (company) => {
      queryClient.setQueryData(companyQueryOptions(apiKey).queryKey, company);
      // The header shows the company name from the session.
      void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
  });
}
