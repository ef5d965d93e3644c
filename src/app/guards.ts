import type { QueryClient } from '@tanstack/react-query';
import type { Permission } from '../../contract/permissions.js';
import { data, redirect, type LoaderFunctionArgs } from 'react-router-dom';
import { paths, safeNextPath } from '../lib/paths.js';
import { sessionQueryOptions } from '../lib/session.js';

/** RequireSession: protected routes send anonymous visitors to sign-in, remembering where they were going. */
export const requireSession =
  (queryClient: QueryClient) =>
  async ({ request }: LoaderFunctionArgs) => {
    const session = await queryClient.fetchQuery(sessionQueryOptions());
    if (!session) {
      const url = new URL(request.url);
      throw redirect(paths.signIn.getHref(url.pathname + url.search));
    }
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
    if (!session.permissions.includes(permission)) {
      throw data('You do not have permission to see this page. Ask the account owner for access.', { status: 403 });
    }
    return session;
  };
