import { useState } from 'react';
import { updateContactRequestSchema, type Profile } from '../../../../contract/profile.js';
import { Alert } from '../../../components/ui/alert.js';
import { Button } from '../../../components/ui/button.js';
import { Card } from '../../../components/ui/card.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useUpdateContact } from '../api/update-contact.js';

/** Name and Skype name, changed at once. */
export function ContactCard({ apiKey, profile }: { apiKey: string; profile: Profile }) {
  const update = useUpdateContact(apiKey);
  const [saved, setSaved] = useState(false);
  const { register, submit, formError, formState } = useApiForm({
    schema: updateContactRequestSchema,
    defaultValues: { name: profile.name, skype: profile.skype ?? '' },
    onSubmit: async (values, form) => {
      setSaved(false);
      const next = await update.mutateAsync(values);
      form.reset({ name: next.name, skype: next.skype ?? '' });
      setSaved(true);
    },
  });
  return (
    <Card title="Contact">
      <form noValidate onSubmit={submit} className="space-y-4">
        <TextField label="Name" autoComplete="name" error={formState.errors.name?.message} {...register('name')} />
        <TextField label="Skype name" autoComplete="off" spellCheck={false} hint="Optional." error={formState.errors.skype?.message} {...register('skype')} />
        <FormAlert error={formError} />
        {saved && <Alert variant="success">Contact details saved.</Alert>}
        <Button type="submit" isLoading={formState.isSubmitting}>
          Save changes
        </Button>
      </form>
    </Card>
  );
}
