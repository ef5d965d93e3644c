// Every key starts with the signed-in family's API key (the user's own things live under it too).
export const profileKeys = {
  profile: (apiKey: string) => ['account', apiKey, 'profile'] as const,
  company: (apiKey: string) => ['account', apiKey, 'company'] as const,
  twoFactor: (apiKey: string) => ['account', apiKey, 'profile', 'two-factor'] as const,
  twoFactorRequirement: (apiKey: string) => ['account', apiKey, 'two-factor-requirement'] as const,
  sessions: (apiKey: string) => ['account', apiKey, 'profile', 'sessions'] as const,
};
