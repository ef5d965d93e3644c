import { useState } from 'react';
import { useController, useWatch } from 'react-hook-form';
import { inviteMemberSchema, TEMPORARY_PASSWORD_HOURS, type InviteMemberInput, type Member, type Role } from '../../../../contract/team.js';
import { Dialog, DialogFormActions } from '../../../components/ui/dialog.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useChangeAccess } from '../api/change-access.js';
import { useInviteMember } from '../api/invite-member.js';
import { AccessFields, type Subaccount } from './access-fields.js';

/**
 * Add a member (name, e-mail, role, scope), or change an existing member's role and scope: one form,
 * checked by the invitation's schema (an existing member's name and e-mail are kept as they are).
 */
export function MemberDialog({
  apiKey,
  roles,
  member,
  open,
  onClose,
  onInvited,
}: {
  apiKey: string;
  roles: readonly Role[];
  /** The member whose access changes; without one, a new member is invited. */
  member?: Member;
  open: boolean;
  onClose: () => void;
  onInvited?: (member: Member) => void;
}) {
  return (
    <Dialog
      open={open}
      title={member ? `Change access of ${member.name}` : 'Add a member'}
      description={
        member
          ? 'The new role and scope apply from their next click: no need to sign in again.'
          : `They get an e-mail with a temporary password valid ${TEMPORARY_PASSWORD_HOURS} hours, and choose their own password when they first sign in.`
      }
      onClose={onClose}
    >
      <MemberForm apiKey={apiKey} roles={roles} member={member} onDone={onClose} onInvited={onInvited} />
    </Dialog>
  );
}

function MemberForm({
  apiKey,
  roles,
  member,
  onDone,
  onInvited,
}: {
  apiKey: string;
  roles: readonly Role[];
  member?: Member;
  onDone: () => void;
  onInvited?: (member: Member) => void;
}) {
  const invite = useInviteMember(apiKey);
  const change = useChangeAccess(apiKey, member?.id ?? '');
  const [chosen, setChosen] = useState<Subaccount[]>(member?.subaccounts ?? []);
  const defaultValues: InviteMemberInput = {
    name: member?.name ?? '',
    email: member?.email ?? '',
    role_id: member?.role.id ?? roles.find((role) => role.id === 'read_only')?.id ?? '',
    scope: member?.scope ?? 'family',
    subaccounts: member?.subaccounts.map((account) => account.api_key) ?? [],
  };
  const {
    register,
    control,
    submit,
    formError,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: inviteMemberSchema,
    defaultValues,
    onSubmit: async ({ name, email, ...access }) => {
      if (member) {
        await change.mutateAsync(access);
      } else {
        onInvited?.(await invite.mutateAsync({ name, email, ...access }));
      }
      onDone();
    },
  });
  const { field: subaccountsField } = useController({ control, name: 'subaccounts' });
  const scope = useWatch({ control, name: 'scope' });
  const roleId = useWatch({ control, name: 'role_id' });

  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      {!member && (
        <>
          <TextField label="Name" autoComplete="off" error={errors.name?.message} {...register('name')} />
          <TextField label="E-mail" type="email" autoComplete="off" spellCheck={false} error={errors.email?.message} {...register('email')} />
        </>
      )}
      <AccessFields
        apiKey={apiKey}
        roles={roles}
        roleField={register('role_id')}
        roleId={roleId}
        scopeField={register('scope')}
        scope={scope}
        chosen={chosen}
        onChosenChange={(next) => {
          setChosen(next);
          subaccountsField.onChange(next.map((account) => account.api_key));
        }}
        chosenRef={subaccountsField.ref}
        errors={{ role_id: errors.role_id?.message, scope: errors.scope?.message, subaccounts: errors.subaccounts?.message }}
      />
      <DialogFormActions formError={formError} submitting={isSubmitting} submitLabel={member ? 'Save access' : 'Send invitation'} onCancel={onDone} />
    </form>
  );
}
