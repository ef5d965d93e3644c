import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { PageSpinner } from '../components/ui/spinner.js';
import { PASSWORD_CHANGE_REQUIRED, TWO_FACTOR_ENROLMENT_REQUIRED } from '../../contract/permissions.js';
import { isApiError } from '../lib/api-client.js';
import { paths } from '../lib/paths.js';
import { queryClient } from '../lib/query-client.js';
import { forgetSession, sessionQueryKey } from '../lib/session.js';
import { redirectIfSignedIn, requirePermission, requireSession, requireSignedIn } from './guards.js';
import { NotFoundPage } from './routes/not-found.js';
import { RouteErrorBoundary } from './routes/route-error-boundary.js';

// Every page of a feature is its own chunk, loaded when its route is visited.
export function createAppRouter(client: QueryClient) {
  return createBrowserRouter([
    {
      id: 'root',
      ErrorBoundary: RouteErrorBoundary,
      HydrateFallback: () => <PageSpinner />,
      children: [
        {
          loader: redirectIfSignedIn(client),
          children: [
            {
              path: paths.signIn.path,
              lazy: async () => ({ Component: (await import('../features/identity/pages/sign-in-page.js')).SignInPage }),
            },
            {
              path: paths.signUp.path,
              lazy: async () => ({ Component: (await import('../features/identity/pages/sign-up-page.js')).SignUpPage }),
            },
          ],
        },
        {
          path: paths.verifySignup.path,
          lazy: async () => ({
            Component: (await import('../features/identity/pages/verify-signup-page.js')).VerifySignupPage,
          }),
        },
        {
          path: paths.resetPassword.path,
          lazy: async () => ({
            Component: (await import('../features/identity/pages/reset-password-page.js')).ResetPasswordPage,
          }),
        },
        {
          path: paths.resetPasswordConfirm.path,
          lazy: async () => ({
            Component: (await import('../features/identity/pages/reset-password-confirm-page.js'))
              .ResetPasswordConfirmPage,
          }),
        },
        {
          path: paths.setPassword.path,
          loader: requireSignedIn(client),
          lazy: async () => ({ Component: (await import('../features/identity/pages/set-password-page.js')).SetPasswordPage }),
        },
        {
          path: paths.confirmEmail.path,
          lazy: async () => ({ Component: (await import('../features/profile/pages/confirm-email-page.js')).ConfirmEmailPage }),
        },
        {
          path: paths.twoFactorSetup.path,
          loader: requireSignedIn(client),
          lazy: async () => ({ Component: (await import('../features/profile/pages/two-factor-setup-page.js')).TwoFactorSetupPage }),
        },
        {
          id: 'app',
          loader: requireSession(client),
          lazy: async () => ({ Component: (await import('./layout/app-layout.js')).AppLayout }),
          children: [
            {
              index: true,
              lazy: async () => {
                const { OverviewRoute, overviewRouteLoader } = await import('./routes/overview-route.js');
                return { Component: OverviewRoute, loader: overviewRouteLoader(client) };
              },
            },
            {
              path: paths.gettingStarted.path,
              lazy: async () => {
                const { GettingStartedPage, gettingStartedLoader } = await import(
                  '../features/sms/pages/getting-started-page.js'
                );
                return { Component: GettingStartedPage, loader: gettingStartedLoader(client) };
              },
            },
            {
              path: paths.apiSettings.path,
              lazy: async () => {
                const { ApiSettingsPage, apiSettingsLoader } = await import('../features/secrets/pages/api-settings-page.js');
                return { Component: ApiSettingsPage, loader: apiSettingsLoader(client) };
              },
            },
            {
              path: paths.profile.path,
              lazy: async () => {
                const { ProfilePage, profileLoader } = await import('../features/profile/pages/profile-page.js');
                return { Component: ProfilePage, loader: profileLoader(client) };
              },
            },
            {
              path: paths.statements.path,
              loader: requirePermission(client, 'invoices:read'),
              lazy: async () => ({ Component: (await import('../features/statements/pages/statements-page.js')).StatementsPage }),
            },
            {
              path: paths.invoices.path,
              loader: requirePermission(client, 'invoices:read'),
              children: [
                {
                  index: true,
                  lazy: async () => {
                    const { InvoicesPage, invoicesLoader } = await import('../features/invoices/pages/invoices-page.js');
                    return { Component: InvoicesPage, loader: invoicesLoader(client) };
                  },
                },
              ],
            },
            {
              path: paths.activity.path,
              loader: requirePermission(client, 'activity:read'),
              children: [
                {
                  index: true,
                  lazy: async () => {
                    const { ActivityPage, activityLoader } = await import('../features/activity/pages/activity-page.js');
                    return { Component: ActivityPage, loader: activityLoader(client) };
                  },
                },
              ],
            },
            {
              path: paths.messages.path,
              loader: requirePermission(client, 'usage:read'),
              children: [
                {
                  index: true,
                  lazy: async () => {
                    const { MessagesPage, messagesLoader } = await import('../features/messages/pages/messages-page.js');
                    return { Component: MessagesPage, loader: messagesLoader(client) };
                  },
                },
                {
                  path: paths.message.path,
                  lazy: async () => {
                    const { MessagePage, messageLoader } = await import('../features/messages/pages/message-page.js');
                    return { Component: MessagePage, loader: messageLoader(client) };
                  },
                },
              ],
            },
            {
              path: paths.apiRequests.path,
              loader: requirePermission(client, 'usage:read'),
              children: [
                {
                  index: true,
                  lazy: async () => {
                    const { ApiRequestsPage, apiRequestsLoader } = await import('../features/api-requests/pages/api-requests-page.js');
                    return { Component: ApiRequestsPage, loader: apiRequestsLoader(client) };
                  },
                },
                {
                  path: paths.apiRequest.path,
                  lazy: async () => {
                    const { ApiRequestPage, apiRequestLoader } = await import('../features/api-requests/pages/api-request-page.js');
                    return { Component: ApiRequestPage, loader: apiRequestLoader(client) };
                  },
                },
              ],
            },
            {
              path: paths.balanceAlerts.path,
              loader: requirePermission(client, 'billing:read'),
              children: [
                {
                  index: true,
                  lazy: async () => {
                    const { BalanceAlertsPage, balanceAlertsLoader } = await import(
                      '../features/balance-alerts/pages/balance-alerts-page.js'
                    );
                    return { Component: BalanceAlertsPage, loader: balanceAlertsLoader(client) };
                  },
                },
              ],
            },
            {
              path: paths.shortCodes.path,
              loader: requirePermission(client, 'numbers:read'),
              children: [
                {
                  index: true,
                  lazy: async () => {
                    const { ShortCodesPage, shortCodesLoader } = await import('../features/short-codes/pages/short-codes-page.js');
                    return { Component: ShortCodesPage, loader: shortCodesLoader(client) };
                  },
                },
              ],
            },
            {
              path: paths.team.path,
              loader: requirePermission(client, 'team:manage'),
              children: [
                {
                  index: true,
                  lazy: async () => {
                    const { TeamPage, teamLoader } = await import('../features/team/pages/team-page.js');
                    return { Component: TeamPage, loader: teamLoader(client) };
                  },
                },
              ],
            },
            {
              path: paths.billing.path,
              loader: requirePermission(client, 'billing:read'),
              children: [
                {
                  index: true,
                  lazy: async () => {
                    const { BillingRoute, billingRouteLoader } = await import('./routes/billing-route.js');
                    return { Component: BillingRoute, loader: billingRouteLoader(client) };
                  },
                },
                {
                  path: paths.billingPayPalReturn.path,
                  lazy: async () => ({ Component: (await import('../features/billing/pages/paypal-return-page.js')).PayPalReturnPage }),
                },
              ],
            },
            {
              path: paths.numbers.path,
              loader: requirePermission(client, 'numbers:read'),
              children: [
                {
                  index: true,
                  lazy: async () => ({ Component: (await import('./routes/numbers-routes.js')).NumbersRoute }),
                },
                {
                  path: paths.buyNumbers.path,
                  lazy: async () => ({ Component: (await import('./routes/numbers-routes.js')).BuyNumbersRoute }),
                },
              ],
            },
            {
              path: paths.subaccounts.path,
              loader: requirePermission(client, 'subaccounts:read'),
              children: [
                {
                  index: true,
                  lazy: async () => {
                    const { SubaccountsPage, subaccountsLoader } = await import(
                      '../features/subaccounts/pages/subaccounts-page.js'
                    );
                    return { Component: SubaccountsPage, loader: subaccountsLoader(client) };
                  },
                },
                {
                  path: paths.subaccountTransfers.path,
                  lazy: async () => {
                    const { TransfersPage, transfersLoader } = await import('../features/subaccounts/pages/transfers-page.js');
                    return { Component: TransfersPage, loader: transfersLoader(client) };
                  },
                },
                {
                  path: paths.subaccountSecrets.path,
                  lazy: async () => {
                    const { SubaccountSecretsRoute, subaccountSecretsRouteLoader } = await import(
                      './routes/subaccount-secrets-route.js'
                    );
                    return { Component: SubaccountSecretsRoute, loader: subaccountSecretsRouteLoader(client) };
                  },
                },
                {
                  path: paths.subaccountHistory.path,
                  lazy: async () => {
                    const { SubaccountHistoryRoute, subaccountHistoryRouteLoader } = await import('./routes/subaccount-history-route.js');
                    return { Component: SubaccountHistoryRoute, loader: subaccountHistoryRouteLoader(client) };
                  },
                },
                {
                  path: paths.subaccount.path,
                  lazy: async () => {
                    const { SubaccountRoute, subaccountRouteLoader } = await import('./routes/subaccount-route.js');
                    return { Component: SubaccountRoute, loader: subaccountRouteLoader(client) };
                  },
                },
              ],
            },
          ],
        },
        { path: '*', Component: NotFoundPage },
      ],
    },
  ]);
}

export const router = createAppRouter(queryClient);

// A 401 from any query while we believe we are signed in means the session ended elsewhere (expired,
// signed out in another tab): forget it and go to sign-in, coming back here afterwards.
function onQueryError(error: unknown) {
  if (!isApiError(error, 401) || !queryClient.getQueryData(sessionQueryKey)) return;
  forgetSession(queryClient);
  const { pathname, search } = router.state.location;
  void router.navigate(paths.signIn.getHref(pathname + search), { replace: true });
}

// A 403 password-change-required (from a query or a mutation) means the user must replace a temporary
// password first: read the session again and go to the set-password page, coming back afterwards.
function onPasswordChangeRequired(error: unknown) {
  if (!isApiError(error, 403) || error.problem.type !== PASSWORD_CHANGE_REQUIRED) return;
  const { pathname, search } = router.state.location;
  if (pathname === paths.setPassword.path) return;
  void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
  void router.navigate(paths.setPassword.getHref(pathname + search), { replace: true });
}

// A 403 two-factor-enrolment-required means the owner requires two-factor sign-in and this user has
// none yet: read the session again and go to the set-up page, coming back afterwards.
function onTwoFactorEnrolmentRequired(error: unknown) {
  if (!isApiError(error, 403) || error.problem.type !== TWO_FACTOR_ENROLMENT_REQUIRED) return;
  const { pathname, search } = router.state.location;
  if (pathname === paths.twoFactorSetup.path) return;
  void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
  void router.navigate(paths.twoFactorSetup.getHref(pathname + search), { replace: true });
}

queryClient.getQueryCache().subscribe((event) => {
  if (event.type !== 'updated' || event.action.type !== 'error') return;
  onQueryError(event.action.error);
  onPasswordChangeRequired(event.action.error);
  onTwoFactorEnrolmentRequired(event.action.error);
});
queryClient.getMutationCache().subscribe((event) => {
  if (event.type !== 'updated' || event.action.type !== 'error') return;
  onPasswordChangeRequired(event.action.error);
  onTwoFactorEnrolmentRequired(event.action.error);
});

export function AppRouter() {
  return <RouterProvider router={router} />;
}
