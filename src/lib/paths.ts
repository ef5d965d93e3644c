/** Every URL the SPA uses: its own routes (path + getHref) and the API endpoints it calls. */

export const paths = {
  home: { path: '/', getHref: () => '/' },
  signIn: {
    path: '/signin',
    getHref: (next?: string | null) => {
      const target = next ? safeNextPath(next) : '/';
      return target === '/' ? '/signin' : `/signin?next=${encodeURIComponent(target)}`;
    },
  },
  signUp: { path: '/signup', getHref: () => '/signup' },
  verifySignup: {
    path: '/signup/verify/:signupId',
    getHref: (signupId: string) => `/signup/verify/${encodeURIComponent(signupId)}`,
  },
  resetPassword: { path: '/reset-password', getHref: () => '/reset-password' },
  resetPasswordConfirm: {
    path: '/reset-password/:token',
    getHref: (token: string) => `/reset-password/${encodeURIComponent(token)}`,
  },
} as const;

/** Router state the overview accepts: the new account's API secret, shown once after PIN verification. */
export interface HomeState {
  api_secret?: string;
}

/** Router state the sign-in page accepts: a notice to show above the form (e.g. password changed). */
export interface SignInState {
  notice?: string;
}

const signup = (signupId: string) => `/api/signups/${encodeURIComponent(signupId)}`;

export const apiPaths = {
  session: '/api/session',
  sessions: '/api/sessions',
  currentSession: '/api/sessions/current',
  signups: '/api/signups',
  signup,
  verifySignup: (signupId: string) => `${signup(signupId)}/verify`,
  resendPin: (signupId: string) => `${signup(signupId)}/resend`,
  passwordResets: '/api/password-resets',
  passwordResetConfirm: '/api/password-resets/confirm',
  account: '/api/account',
} as const;

/**
 * A `next` value taken from the URL may only point inside this app: a path starting with one slash.
 * Anything else ("//evil.example", "https://…", "/\\evil") falls back to the overview.
 */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
