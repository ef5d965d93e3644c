// A sign-up precedes any account, so its keys are not account-scoped.
export const identityKeys = {
  signup: (signupId: string) => ['signups', signupId] as const,
};
