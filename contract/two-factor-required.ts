// Apart from contract/profile.ts so that the sign-in page recognises this problem without loading zod.
/** The problem `type` of a sign-in whose password was right but which still needs the second factor. */
export const TWO_FACTOR_REQUIRED = 'https://switchboard.dev/problems/two-factor-required';
