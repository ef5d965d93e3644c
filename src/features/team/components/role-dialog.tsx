import { useId } from 'react';
import { permissionLabels, permissions } from '../../../../contract/permissions.js';
import { roleRequestSchema, type Role, type RoleRequestInput } from '../../../../contract/team.js';
import { Dialog, DialogFormActions } from '../../../components/ui/dialog.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useSaveRole } from '../api/save-role.js';

/** Build a custom role from the permission list, or change one: its members hold the new permissions at once. */
export function RoleDialog({ apiKey, role, open, onClose }: { apiKey: string; role?: Role; open: boolean; onClose: () => void }) {
  return (
    <Dialog
      open={open}
      title={role ? `Edit role ${role.name}` : 'New role'}
      description={role && role.members > 0 ? `${role.members} ${role.members === 1 ? 'member has' : 'members have'} this role: they get the change at once.` : 'A name and the permissions it gives.'}
      size="lg"
      onClose={onClose}
    >
      <RoleForm apiKey={apiKey} role={role} onDone={onClose} />
    </Dialog>
  );
}

function RoleForm({ apiKey, role, onDone }: { apiKey: string; role?: Role; onDone: () => void }) {
  const save = useSaveRole(apiKey, role?.id ?? null);
  const errorId = useId();
  const defaultValues: RoleRequestInput = { name: role?.name ?? '', permissions: role?.permissions ?? [] };
  const {
    register,
    submit,
    formError,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: roleRequestSchema,
    defaultValues,
    onSubmit: async (values) => {
      await save.mutateAsync(values);
      onDone();
    },
  });
  const permissionsError = errors.permissions?.message ?? errors.permissions?.root?.message;

  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      <TextField label="Role name" autoComplete="off" maxLength={60} error={errors.name?.message} {...register('name')} />
      <fieldset aria-describedby={permissionsError ? errorId : undefined}>
        <legend className="text-sm font-medium text-slate-800">Permissions</legend>
        <ul className="mt-2 grid gap-1 sm:grid-cols-2">
          {permissions.map((permission) => (
            <li key={permission}>
              <label className="flex items-start gap-3 rounded px-1 py-1 text-sm text-slate-800">
                <input type="checkbox" value={permission} className="mt-0.5 size-4 accent-indigo-600" {...register('permissions')} />
                <span>
                  <span className="block">{permissionLabels[permission]}</span>
                  <span className="block font-mono text-xs text-slate-500">{permission}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {permissionsError && (
          <p id={errorId} className="mt-1.5 text-sm text-red-600">
            {permissionsError}
          </p>
        )}
      </fieldset>
      <DialogFormActions formError={formError} submitting={isSubmitting} submitLabel={role ? 'Save role' : 'Create role'} onCancel={onDone} />
    </form>
  );
}
