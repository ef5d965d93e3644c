import { useId, type ReactNode } from 'react';
import type { Session } from '../../contract/identity.js';
import { permissionLabels, type Permission } from '../../contract/permissions.js';
import { currentRolePreview, useRolePreview } from './role-preview.js';
import { useSession } from './session.js';

// The console mirrors the server's check (it decides; this only keeps the console honest): a
// control the user may not use is disabled and says which permission it needs, never hidden.

// While an administrator previews a role, the console holds that role's permissions instead.
export function hasPermission(session: Session | null | undefined, permission: Permission): boolean {
  if (!session) return false;
  const preview = currentRolePreview();
  return preview ? preview.permissions.has(permission) : session.permissions.includes(permission);
}

export function useCan(permission: Permission): boolean {
  useRolePreview();
  return hasPermission(useSession().data, permission);
}

/** "Needs the permission “Transfer credit and balance” (subaccounts:transfer)". */
export const permissionNeeded = (permission: Permission) => `Needs the permission “${permissionLabels[permission]}” (${permission})`;

export interface CanControlProps {
  disabled?: boolean;
  title?: string;
  'aria-describedby'?: string;
}

/**
 * Renders a control with `disabled` and a description of the missing permission when the user
 * lacks `permission`:
 * `<Can permission="subaccounts:transfer">{(can) => <Button {...can}>Transfer</Button>}</Can>`.
 */
export function Can({ permission, children }: { permission: Permission; children: (control: CanControlProps) => ReactNode }) {
  const allowed = useCan(permission);
  const hintId = useId();
  if (allowed) return children({});
  const hint = permissionNeeded(permission);
  return (
    <>
      {children({ disabled: true, title: hint, 'aria-describedby': hintId })}
      <span id={hintId} className="text-xs text-slate-500">
        {hint}
      </span>
    </>
  );
}
