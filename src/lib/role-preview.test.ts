import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../contract/identity.js';
import { ApiError, apiClient, ROLE_PREVIEW } from './api-client.js';
import { hasPermission } from './authorization.js';
import { currentRolePreview, startRolePreview, stopRolePreview } from './role-preview.js';
import { forgetSession } from './session.js';

const administrator = { permissions: ['account:read', 'subaccounts:read', 'subaccounts:transfer', 'team:manage'] } as unknown as Session;

afterEach(() => {
  stopRolePreview();
  vi.unstubAllGlobals();
});

describe('previewing the console as a role', () => {
  it('holds the previewed role’s permissions instead of the signed-in user’s, until the preview ends', () => {
    startRolePreview({ name: 'Finance', permissions: ['account:read', 'billing:write'] });
    expect(hasPermission(administrator, 'account:read')).toBe(true);
    expect(hasPermission(administrator, 'billing:write')).toBe(true);
    expect(hasPermission(administrator, 'team:manage')).toBe(false);
    expect(hasPermission(null, 'account:read')).toBe(false);
    stopRolePreview();
    expect(hasPermission(administrator, 'team:manage')).toBe(true);
    expect(hasPermission(administrator, 'billing:write')).toBe(false);
  });

  it('sends reads but no change while it lasts, and says why', async () => {
    const fetchMock = vi.fn(async () => new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    startRolePreview({ name: 'Developer', permissions: ['subaccounts:write'] });

    await apiClient.get('/api/subaccounts');
    const refused = await apiClient.post('/accounts/k/subaccounts', { name: 'x' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).problem).toMatchObject({ type: ROLE_PREVIEW, detail: expect.stringMatching(/previewing the console as Developer: nothing is saved/) });
    expect(fetchMock).toHaveBeenCalledTimes(1);

    stopRolePreview();
    await apiClient.post('/accounts/k/subaccounts', { name: 'x' });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});

describe('a role preview and the session', () => {
  it('ends with the session, so that whoever signs in next is not held in it', () => {
    startRolePreview({ name: 'Finance', permissions: [] });
    forgetSession(new QueryClient());
    expect(currentRolePreview()).toBeNull();
  });
});
