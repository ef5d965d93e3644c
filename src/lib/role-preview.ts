import { useSyncExternalStore } from 'react';
import type { Permission } from '../../contract/permissions.js';

// "Preview as role": an administrator sees the console with another role's permissions before giving
// it to anyone. Only the console changes: the server still answers as the administrator, so the
// preview is read-only (the API client sends nothing that would change anything while it lasts).

export interface RolePreview {
  roleName: string;
  permissions: ReadonlySet<Permission>;
}

let current: RolePreview | null = null;
const listeners = new Set<() => void>();

function publish(next: RolePreview | null): void {
  current = next;
  listeners.forEach((listener) => listener());
}

export const startRolePreview = (role: { name: string; permissions: readonly Permission[] }) =>
  publish({ roleName: role.name, permissions: new Set(role.permissions) });

export const stopRolePreview = () => publish(null);

/** The role being previewed, or null. */
export const currentRolePreview = (): RolePreview | null => current;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useRolePreview(): RolePreview | null {
  return useSyncExternalStore(subscribe, currentRolePreview, currentRolePreview);
}
