import { useState } from 'react';
import { memberStatusLabels, TEMPORARY_PASSWORD_HOURS, type Member, type Role } from '../../../../contract/team.js';
import { Badge, type BadgeTone } from '../../../components/ui/badge.js';
import { Button } from '../../../components/ui/button.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { Table } from '../../../components/ui/table.js';
import { Can } from '../../../lib/authorization.js';
import { formatDateTime } from '../../../lib/format-date.js';
import { useMemberAction, type MemberAction } from '../api/member-action.js';
import { MemberDialog } from './member-dialog.js';

const statusTones: Record<Member['status'], BadgeTone> = { invited: 'info', active: 'success', disabled: 'neutral' };

export function describeScope(member: Member): string {
  if (member.scope === 'family') return 'Whole account';
  const names = member.subaccounts.map((account) => account.name);
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

const confirmations: Record<MemberAction, { title: (m: Member) => string; body: (m: Member) => string; label: string; variant: 'primary' | 'danger' }> = {
  resend: {
    title: (m) => `Send the invitation to ${m.name} again?`,
    body: (m) => `${m.email} gets a new temporary password, valid ${TEMPORARY_PASSWORD_HOURS} hours. The one sent before stops working now.`,
    label: 'Send again',
    variant: 'primary',
  },
  disable: {
    title: (m) => `Disable ${m.name}?`,
    body: (m) => `${m.name} is signed out everywhere at once and cannot sign in until enabled again. Their role and scope are kept.`,
    label: 'Disable',
    variant: 'danger',
  },
  enable: {
    title: (m) => `Enable ${m.name}?`,
    body: (m) => `${m.name} can sign in again, with the same role and scope.`,
    label: 'Enable',
    variant: 'primary',
  },
  remove: {
    title: (m) => `Remove ${m.name}?`,
    body: (m) => `${m.name} is signed out everywhere and leaves the team. ${m.email} can be invited again later.`,
    label: 'Remove',
    variant: 'danger',
  },
};

/** The team as one table (cards on a phone): who, role, scope, status, last sign-in, and what can be done. */
export function MembersTable({ apiKey, members, roles }: { apiKey: string; members: readonly Member[]; roles: readonly Role[] }) {
  const action = useMemberAction(apiKey);
  const [pending, setPending] = useState<{ member: Member; action: MemberAction } | null>(null);
  const [editing, setEditing] = useState<Member | null>(null);
  const now = Date.now();

  const close = () => {
    setPending(null);
    action.reset();
  };

  return (
    <>
      <Table caption="Team members" stackOnPhone>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Scope</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const expired = member.status === 'invited' && member.invitation_expires_at !== null && Date.parse(member.invitation_expires_at) <= now;
            return (
              <tr key={member.id}>
                <td data-label="Member" className="max-sm:col-span-2">
                  <span className="block font-medium text-slate-900 [overflow-wrap:anywhere]">
                    {member.name} {member.owner && <Badge tone="warning">Owner</Badge>}
                  </span>
                  <span className="block text-xs text-slate-600 [overflow-wrap:anywhere]">{member.email}</span>
                </td>
                <td data-label="Role">{member.role.name}</td>
                <td data-label="Scope" className="[overflow-wrap:anywhere]">
                  {describeScope(member)}
                </td>
                <td data-label="Status">
                  <Badge tone={expired ? 'warning' : statusTones[member.status]}>{expired ? 'Invitation expired' : memberStatusLabels[member.status]}</Badge>
                  {member.status === 'invited' && member.invitation_expires_at && !expired && (
                    <span className="block text-xs text-slate-500">until {formatDateTime(member.invitation_expires_at)}</span>
                  )}
                </td>
                <td data-label="Last sign-in" className="whitespace-nowrap tabular-nums">
                  {member.last_sign_in_at ? <time dateTime={member.last_sign_in_at}>{formatDateTime(member.last_sign_in_at)}</time> : 'Never'}
                </td>
                <td className="text-right max-sm:col-span-2">
                  {member.owner ? (
                    <span className="text-xs text-slate-500">The owner cannot be changed, disabled or removed.</span>
                  ) : (
                    <Can permission="team:manage">
                      {(can) => (
                        <div className="flex flex-wrap justify-end gap-2">
                          <Button variant="secondary" size="sm" aria-label={`Change access of ${member.name}`} {...can} onClick={() => setEditing(member)}>
                            Change access
                          </Button>
                          {member.status === 'invited' && (
                            <Button variant="secondary" size="sm" aria-label={`Resend invitation to ${member.name}`} {...can} onClick={() => setPending({ member, action: 'resend' })}>
                              Resend invitation
                            </Button>
                          )}
                          {member.status === 'disabled' ? (
                            <Button variant="secondary" size="sm" aria-label={`Enable ${member.name}`} {...can} onClick={() => setPending({ member, action: 'enable' })}>
                              Enable
                            </Button>
                          ) : (
                            <Button variant="secondary" size="sm" aria-label={`Disable ${member.name}`} {...can} onClick={() => setPending({ member, action: 'disable' })}>
                              Disable
                            </Button>
                          )}
                          <Button variant="danger" size="sm" aria-label={`Remove ${member.name}`} {...can} onClick={() => setPending({ member, action: 'remove' })}>
                            Remove
                          </Button>
                        </div>
                      )}
                    </Can>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>

      <MemberDialog apiKey={apiKey} roles={roles} member={editing ?? undefined} open={editing !== null} onClose={() => setEditing(null)} />
      {pending && (
        <ConfirmDialog
          open
          title={confirmations[pending.action].title(pending.member)}
          confirmLabel={confirmations[pending.action].label}
          variant={confirmations[pending.action].variant}
          isPending={action.isPending}
          error={action.error?.message}
          onConfirm={() => action.mutate({ memberId: pending.member.id, action: pending.action }, { onSuccess: close })}
          onClose={close}
        >
          <p>{confirmations[pending.action].body(pending.member)}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
