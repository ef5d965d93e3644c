/** The SPA's own routes (path + getHref). API URLs live beside the operation that calls them (features/<feature>/api/). */

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
    path: '/reset-password/confirm',
    /** The token travels in the fragment: browsers never send it to the server. */
    getHref: (token: string) => `/reset-password/confirm#token=${encodeURIComponent(token)}`,
  },
  setPassword: {
    path: '/set-password',
    getHref: (next?: string | null) => {
      const target = next ? safeNextPath(next) : '/';
      return target === '/' ? '/set-password' : `/set-password?next=${encodeURIComponent(target)}`;
    },
  },
  gettingStarted: { path: '/getting-started', getHref: () => '/getting-started' },
  apiSettings: { path: '/settings/api', getHref: () => '/settings/api' },
  balanceAlerts: { path: '/settings/alerts', getHref: () => '/settings/alerts' },
  billing: { path: '/billing', getHref: () => '/billing' },
  /** Where PayPal sends the customer back (`?paypal_session=…`); the server names the same path. */
  billingPayPalReturn: { path: '/billing/paypal-return', getHref: () => '/billing/paypal-return' },
  subaccounts: { path: '/subaccounts', getHref: () => '/subaccounts' },
  team: { path: '/team', getHref: () => '/team' },
  numbers: { path: '/numbers', getHref: () => '/numbers' },
  buyNumbers: { path: '/numbers/buy', getHref: () => '/numbers/buy' },
  subaccountTransfers: {
    path: '/subaccounts/transfers',
    /** Optionally filtered to one subaccount (`?subaccount=KEY`). */
    getHref: (subaccount?: string) =>
      subaccount ? `/subaccounts/transfers?subaccount=${encodeURIComponent(subaccount)}` : '/subaccounts/transfers',
  },
  subaccount: {
    path: '/subaccounts/:subKey',
    getHref: (subKey: string) => `/subaccounts/${encodeURIComponent(subKey)}`,
  },
  subaccountSecrets: {
    path: '/subaccounts/:subKey/secrets',
    getHref: (subKey: string) => `/subaccounts/${encodeURIComponent(subKey)}/secrets`,
  },
  subaccountHistory: {
    path: '/subaccounts/:subKey/history',
    getHref: (subKey: string) => `/subaccounts/${encodeURIComponent(subKey)}/history`,
  },
  shortCodes: { path: '/numbers/short-codes', getHref: () => '/numbers/short-codes' },
  activity: { path: '/activity', getHref: () => '/activity' },
  statements: { path: '/statements', getHref: () => '/statements' },
  invoices: { path: '/invoices', getHref: (paymentId?: string) => (paymentId ? `/invoices?payment_id=${encodeURIComponent(paymentId)}` : '/invoices') },
  apiRequests: { path: '/api-requests', getHref: () => '/api-requests' },
  messages: { path: '/messages', getHref: () => '/messages' },
  message: { path: '/messages/:messageId', getHref: (id: string) => `/messages/${encodeURIComponent(id)}` },
  apiRequest: { path: '/api-requests/:requestId', getHref: (id: string) => `/api-requests/${encodeURIComponent(id)}` },
  profile: { path: '/profile', getHref: () => '/profile' },
  /** The link e-mailed to a new address: the token travels in the query so that the mail works in any client. */
  confirmEmail: { path: '/profile/email/confirm', getHref: (token: string) => `/profile/email/confirm?token=${encodeURIComponent(token)}` },
  twoFactorSetup: {
    path: '/two-factor-setup',
    getHref: (next?: string | null) => {
      const target = next ? safeNextPath(next) : '/';
      return target === '/' ? '/two-factor-setup' : `/two-factor-setup?next=${encodeURIComponent(target)}`;
    },
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

/**
 * A `next` value taken from the URL may only point inside this app: a path starting with one slash.
 * Anything else ("//evil.example", "https://…", "/\\evil") falls back to the overview.
 */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
