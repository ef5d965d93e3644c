import { transferOwnershipSchema, type Member, type TransferOwnership } from '../../../../contract/team.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog, DialogActions, DialogFormActions } from '../../../components/ui/dialog.js';
import { Select } from '../../../components/ui/select.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useTransferOwnership } from '../api/transfer-ownership.js';

/** The owner hands ownership to an active Administrator, confirming with their own password. */
export function OwnershipDialog({ apiKey, members, open, onClose }: { apiKey: string; members: readonly Member[]; open: boolean; onClose: () => void }) {
  const candidates = members.filter((member) => !member.owner && member.status === 'active' && member.role.id === 'administrator');
  return (
    <Dialog open={open} title="Hand over ownership" size="sm" onClose={onClose}>
      {candidates.length === 0 ? (
        <>
          <Alert variant="info">Only an active Administrator can become the owner. Give a member the Administrator role first.</Alert>
          <DialogActions>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </>
      ) : (
        <OwnershipForm apiKey={apiKey} candidates={candidates} onDone={onClose} />
      )}
    </Dialog>
  );
}

function OwnershipForm({ apiKey, candidates, onDone }: { apiKey: string; candidates: readonly Member[]; onDone: () => void }) {
  const transfer = useTransferOwnership(apiKey);
  const defaultValues: TransferOwnership = { member_id: candidates[0].id, password: '' };
  const {
    register,
    submit,
    formError,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: transferOwnershipSchema,
    defaultValues,
    onSubmit: async (values) => {
      await transfer.mutateAsync(values);
      onDone();
    },
  });
  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      <p className="text-sm text-slate-600">
        The new owner can never be removed, disabled or demoted. You stay an Administrator of the account.
      </p>
      <Select
        label="New owner"
        error={errors.member_id?.message}
        options={candidates.map((member) => ({ value: member.id, label: `${member.name} (${member.email})` }))}
        {...register('member_id')}
      />
      <TextField label="Your password" type="password" autoComplete="current-password" error={errors.password?.message} {...register('password')} />
      <DialogFormActions formError={formError} submitting={isSubmitting} submitLabel={'Hand over ownership'} submitVariant="danger" onCancel={onDone} />
    </form>
  );
}
