// Every key starts with the family's primary API key; a change to a member or a role invalidates `all`
// (a role's member count and a member's role name depend on each other).

export const teamKeys = {
  all: (apiKey: string) => ['team', apiKey] as const,
  members: (apiKey: string) => [...teamKeys.all(apiKey), 'members'] as const,
  roles: (apiKey: string) => [...teamKeys.all(apiKey), 'roles'] as const,
  /** Subaccounts a scope can be made of, matching what was typed. */
  scopeCandidates: (apiKey: string, search: string) => [...teamKeys.all(apiKey), 'scope-candidates', search] as const,
};
