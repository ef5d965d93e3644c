import type { ActivityExportQuery } from '../../../../contract/activity.js';

// Every key starts with the signed-in family's API key.
export const activityKeys = {
  all: (apiKey: string) => ['account', apiKey, 'activity'] as const,
  list: (apiKey: string, filters: ActivityExportQuery) => ['account', apiKey, 'activity', 'list', filters] as const,
  actors: (apiKey: string) => ['account', apiKey, 'activity', 'actors'] as const,
};
