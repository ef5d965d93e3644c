import type { ApiRequestFilters } from '../../../../contract/api-requests.js';

// Every key starts with the signed-in family's API key.
export const apiRequestKeys = {
  list: (apiKey: string, filters: ApiRequestFilters) => ['account', apiKey, 'api-requests', 'list', filters] as const,
  detail: (apiKey: string, id: string) => ['account', apiKey, 'api-requests', 'detail', id] as const,
  filterOptions: (apiKey: string) => ['account', apiKey, 'api-requests', 'filters'] as const,
  retention: (apiKey: string) => ['account', apiKey, 'api-requests', 'retention'] as const,
};
