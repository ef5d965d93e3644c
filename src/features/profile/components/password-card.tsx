import { useId, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { setPasswordRequestSchema } from '../../../../contract/identity.js';
import { passwordRules } from '../../../../contract/password.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { RuleChecklist } from '../../../components/ui/rule-checklist.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useChangePassword } from '../api/change-password.js';

/** A new password needs the current one; every other session of the user ends. */
export function PasswordCard({ apiKey }: { apiKey: string }) {
  const change = useChangePassword(apiKey);
  const [done, setDone] = useState(false);
  const checklistId = useId();
  const { register, control, submit, formError, formState } = useApiForm({
    schema: setPasswordRequestSchema,
    defaultValues: { current_password: '', new_password: '' },
    onSubmit: async (values, form) => {
      setDone(false);
      await change.mutateAsync(values);
      form.reset({ current_password: '', new_password: '' });
      setDone(true);
    },
  });
  const newPassword = useWatch({ control, name: 'new_password' });
  return (
    <Card title="Password">
      <form noValidate onSubmit={submit} className="space-y-4">
        <TextField label="Current password" type="password" autoComplete="current-password" error={formState.errors.current_password?.message} {...register('current_password')} />
        <div>
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            describedById={checklistId}
            error={formState.errors.new_password?.message}
            {...register('new_password')}
          />
          <RuleChecklist id={checklistId} label="Password requirements" rules={passwordRules} value={newPassword ?? ''} />
        </div>
        <FormAlert error={formError} />
        {done && <Alert variant="success">Password changed. Every other session has been signed out.</Alert>}
        <Button type="submit" isLoading={formState.isSubmitting}>
          Change password
        </Button>
      </form>
    </Card>
  );
}
