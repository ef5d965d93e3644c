import { useId, useState } from 'react';
import { Link, NavLink, Outlet, useNavigate, useNavigation } from 'react-router-dom';
import { Alert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';
import { PageSpinner } from '../../components/ui/spinner.js';
import { AutoReloadPausedBanner } from '../../features/auto-reload/components/auto-reload-banner.js';
import { DisplayCurrencySwitch } from '../../features/display-currency/components/display-currency-switch.js';
import { ZeroBalanceBanner } from '../../features/billing/components/zero-balance-banner.js';
import { useSignOut } from '../../features/identity/api/sign-out.js';
import type { Permission } from '../../../contract/permissions.js';
import { hasPermission } from '../../lib/authorization.js';
import { cn } from '../../lib/cn.js';
import { paths } from '../../lib/paths.js';
import { stopRolePreview, useRolePreview } from '../../lib/role-preview.js';
import { useSession } from '../../lib/session.js';
import { Logo } from '../../components/ui/logo.js';

// Each entry names the permission its page's guard asks for: the navigation shows what the user may open.
const navigation: { name: string; to: string; end: boolean; permission: Permission }[] = [
  { name: 'Overview', to: paths.home.getHref(), end: true, permission: 'account:read' },
  { name: 'Getting started', to: paths.gettingStarted.getHref(), end: false, permission: 'account:read' },
  { name: 'API settings', to: paths.apiSettings.getHref(), end: false, permission: 'account:read' },
  { name: 'Numbers', to: paths.numbers.getHref(), end: false, permission: 'numbers:read' },
  { name: 'Subaccounts', to: paths.subaccounts.getHref(), end: false, permission: 'subaccounts:read' },
  { name: 'Short codes', to: paths.shortCodes.getHref(), end: false, permission: 'numbers:read' },
  { name: 'Balance alerts', to: paths.balanceAlerts.getHref(), end: false, permission: 'billing:read' },
  { name: 'Team', to: paths.team.getHref(), end: false, permission: 'team:manage' },
  { name: 'Billing', to: paths.billing.getHref(), end: false, permission: 'billing:read' },
  { name: 'Statements & exports', to: paths.statements.getHref(), end: false, permission: 'invoices:read' },
  { name: 'Invoices', to: paths.invoices.getHref(), end: false, permission: 'invoices:read' },
  { name: 'Messages', to: paths.messages.getHref(), end: false, permission: 'usage:read' },
  { name: 'API requests', to: paths.apiRequests.getHref(), end: false, permission: 'usage:read' },
  { name: 'Activity', to: paths.activity.getHref(), end: false, permission: 'activity:read' },
];

export function AppLayout() {
  const { data: session } = useSession();
  const preview = useRolePreview();
  const navigate = useNavigate();
  const routeNavigation = useNavigation();
  // Below the desktop sidebar's width the navigation folds behind a Menu button.
  const [menuOpen, setMenuOpen] = useState(false);
  const navigationId = useId();
  const signOut = useSignOut({
    onSuccess: () => navigate(paths.signIn.getHref(), { replace: true }),
  });

  // Signed out (or the session ended) while this layout is still on screen: show nothing protected.
  if (!session) return <PageSpinner label="Signing out…" />;

  return (
    <div className="min-h-full lg:flex">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow ring-1 ring-slate-300 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to main content
      </a>
      <aside className="border-b border-slate-200 bg-white lg:fixed lg:inset-y-0 lg:w-60 lg:border-r lg:border-b-0">
        <div className="flex h-14 items-center justify-between gap-4 px-5 lg:h-16">
          <Logo className="text-slate-900" />
          <Button
            variant="secondary"
            size="sm"
            className="lg:hidden"
            aria-expanded={menuOpen}
            aria-controls={navigationId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </Button>
        </div>
        <nav id={navigationId} aria-label="Main" className={cn('px-3 pb-3 lg:block lg:pt-2', !menuOpen && 'hidden')}>
          <ul className="flex flex-col gap-1">
            {navigation.filter((item) => hasPermission(session, item.permission)).map((item) => (
              <li key={item.name}>
                <NavLink
                  to={item.to}
                  end={item.end}
                  onClick={() => setMenuOpen(false)}
                  className={({ isActive }) =>
                    cn(
                      'block rounded-md px-3 py-2 text-sm font-medium',
                      isActive ? 'bg-indigo-50 text-indigo-700' : 'text-slate-700 hover:bg-slate-100',
                    )
                  }
                >
                  {item.name}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>

      <div className="flex min-h-full min-w-0 flex-1 flex-col lg:pl-60">
        <header className="flex h-14 items-center justify-between gap-4 border-b border-slate-200 bg-white px-5 lg:h-16 lg:px-8">
          <p className="min-w-0 truncate text-sm font-medium text-slate-900" title={session.account.company_name}>
            {session.account.company_name}
          </p>
          <div className="flex min-w-0 shrink-0 items-center gap-3 sm:gap-4">
            <DisplayCurrencySwitch />
            <Link
              to={paths.profile.getHref()}
              className="max-w-64 truncate rounded-md text-sm font-medium text-indigo-700 hover:text-indigo-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
              title={session.user.email}
              aria-label={`Your profile (${session.user.email})`}
            >
              <span className="md:hidden">Profile</span>
              <span className="hidden md:inline">{session.user.email}</span>
            </Link>
            <Button variant="secondary" size="sm" isLoading={signOut.isPending} onClick={() => signOut.mutate()}>
              Sign out
            </Button>
          </div>
        </header>
        {preview && (
          <section
            aria-label="Role preview"
            className="flex flex-wrap items-center justify-between gap-3 border-b border-amber-300 bg-amber-50 px-5 py-2.5 text-sm text-amber-900 lg:px-8"
          >
            <p>
              Previewing the console as <strong>{preview.roleName}</strong>: read-only, nothing you do here is saved.
            </p>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                stopRolePreview();
                void navigate(paths.team.getHref());
              }}
            >
              Leave preview
            </Button>
          </section>
        )}
        {hasPermission(session, 'account:read') && <ZeroBalanceBanner apiKey={session.account.api_key} />}
        <AutoReloadPausedBanner apiKey={session.account.api_key} visible={hasPermission(session, 'billing:read')} />
        {signOut.isError && (
          <Alert variant="error" className="mx-5 mt-4 lg:mx-8">
            We could not sign you out. Please try again.
          </Alert>
        )}
        {routeNavigation.state === 'loading' && (
          // The next page is on its way: say so where the page is, not only by dimming it.
          <div role="progressbar" aria-label="Loading the page" className="h-1 overflow-hidden bg-indigo-100">
            <div className="h-full w-1/3 animate-pulse bg-indigo-500" />
          </div>
        )}
        <main
          id="main"
          tabIndex={-1}
          className={cn(
            'min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-5 lg:px-8 lg:py-8',
            routeNavigation.state === 'loading' && 'opacity-60 transition-opacity',
          )}
        >
          <Outlet />
        </main>
      </div>
    </div>
  );
}
