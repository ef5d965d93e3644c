import type { QueryClient } from '@tanstack/react-query';
import type { Permission } from '../../contract/permissions.js';
import { data, redirect, type LoaderFunctionArgs } from 'react-router-dom';
import { hasPermission, permissionNeeded } from '../lib/authorization.js';
import { paths, safeNextPath } from '../lib/paths.js';
import { sessionQueryOptions } from '../lib/session.js';

/** RequireSession: protected routes send anonymous visitors to sign-in, remembering where they were going. */
export const requireSession =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    const url = new URL(request.url);
    if (!session) throw redirect(paths.signIn.getHref(url.pathname + url.search));
    // The server refuses everything else until a temporary password is replaced.
    if (session.user.must_change_password) throw redirect(paths.setPassword.getHref(url.pathname + url.search));
    // …and until two-factor sign-in is on, when the owner requires it.
    if (session.user.two_factor_enrolment_required) throw redirect(paths.twoFactorSetup.getHref(url.pathname + url.search));
    return session;
  };

/** The set-password page: for a signed-in user; anonymous visitors go to sign-in first. */
export const requireSignedIn =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    if (!session) throw redirect(paths.signIn.getHref(new URL(request.url).pathname));
    return session;
  };

/** Sign-in and sign-up are for visitors: a signed-in user goes on to `next` (or the overview). */
export const redirectIfSignedIn =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    if (session) throw redirect(safeNextPath(new URL(request.url).searchParams.get('next')));
    return null;
  };

/**
 * RequirePermission: a signed-in user whose permissions lack `permission` gets a 403 page instead
 * (the route's error boundary); anonymous visitors go to sign-in as with requireSession.
 */
export const requirePermission =
  (queryClient: QueryClient, permission: Permission) =>
  async (args: LoaderFunctionArgs) => {
    const session = await requireSession(queryClient)(args);
    if (!hasPermission(session, permission)) {
      throw data(`You cannot open this page. ${permissionNeeded(permission)}: ask an administrator of your account for it.`, { status: 403 });
    }
    return session;
  };
