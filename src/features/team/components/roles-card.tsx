import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { permissionLabels } from '../../../../contract/permissions.js';
import type { Role } from '../../../../contract/team.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.js';
import { Table } from '../../../components/ui/table.js';
import { Can } from '../../../lib/authorization.js';
import { paths } from '../../../lib/paths.js';
import { startRolePreview } from '../../../lib/role-preview.js';
import { useDeleteRole } from '../api/delete-role.js';
import { RoleDialog } from './role-dialog.js';

/** The roles members can have: the built-in ones and the family's own, each previewable before anyone gets it. */
export function RolesCard({ apiKey, roles }: { apiKey: string; roles: readonly Role[] }) {
  const navigate = useNavigate();
  const remove = useDeleteRole(apiKey);
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);

  const preview = (role: Role) => {
    startRolePreview(role);
    void navigate(paths.home.getHref());
  };
  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };

  return (
    <Card
      title="Roles"
      actions={
        <Can permission="team:manage">
          {(can) => (
            <Button size="sm" {...can} onClick={() => setEditing('new')}>
              New role
            </Button>
          )}
        </Can>
      }
    >
      <p className="text-sm text-slate-600">
        A role is a set of permissions. Preview the console as a role to see what its members will see, before you give it to anyone.
      </p>
      <Table caption="Roles" stackOnPhone className="mt-3">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Permissions</th>
            <th scope="col">Members</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {roles.map((role) => (
            <tr key={role.id}>
              <td data-label="Role" className="min-w-36 font-medium text-slate-900 [overflow-wrap:anywhere]">
                {role.name}
                {!role.built_in && <span className="block text-xs font-normal text-slate-500">Custom</span>}
              </td>
              <td data-label="Permissions" className="max-sm:col-span-2">
                <span className="block text-xs text-slate-600">
                  {role.permissions.length === 0 ? 'None' : role.permissions.map((permission) => permissionLabels[permission]).join(' · ')}
                </span>
              </td>
              <td data-label="Members" className="tabular-nums">
                {role.members}
              </td>
              <td className="text-right max-sm:col-span-2">
                <div className="flex flex-wrap justify-end gap-2">
                  <Button variant="secondary" size="sm" aria-label={`Preview as ${role.name}`} onClick={() => preview(role)}>
                    Preview
                  </Button>
                  {!role.built_in && (
                    <Can permission="team:manage">
                      {(can) => (
                        <>
                          <Button variant="secondary" size="sm" aria-label={`Edit role ${role.name}`} {...can} onClick={() => setEditing(role)}>
                            Edit
                          </Button>
                          <Button variant="danger" size="sm" aria-label={`Delete role ${role.name}`} {...can} onClick={() => setDeleting(role)}>
                            Delete
                          </Button>
                        </>
                      )}
                    </Can>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>

      <RoleDialog apiKey={apiKey} role={editing === 'new' || editing === null ? undefined : editing} open={editing !== null} onClose={() => setEditing(null)} />
      {deleting && (
        <ConfirmDialog
          open
          title={`Delete the role ${deleting.name}?`}
          confirmLabel="Delete role"
          isPending={remove.isPending}
          error={remove.error?.message}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: closeDelete })}
          onClose={closeDelete}
        >
          <p>
            {deleting.members > 0
              ? `${deleting.members} ${deleting.members === 1 ? 'member has' : 'members have'} this role: give them another role first.`
              : 'Nobody has this role. It is deleted for good.'}
          </p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
