import { cardFormSchema, type CardForm, type PaymentMethod } from '../../../../contract/billing.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog, DialogActions } from '../../../components/ui/dialog.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { TextField } from '../../../components/ui/text-field.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { useAddCard } from '../api/add-card.js';
import { BillingAddressFields, emptyAddress } from './billing-address-fields.js';

/**
 * Add a card. The number, expiry and CVC are posted to the payment processor's hosted field
 * (`tokenizeUrl`), never to Switchboard; only the token it returns comes to our API with the address.
 */
export function AddCardDialog({
  open,
  apiKey,
  tokenizeUrl,
  onClose,
  onAdded,
}: {
  open: boolean;
  apiKey: string;
  tokenizeUrl: string;
  onClose: () => void;
  onAdded: (method: PaymentMethod) => void;
}) {
  const addCard = useAddCard(apiKey);
  return (
    <Dialog open={open} title="Add a card" description="Visa, Mastercard or American Express. The card details go straight to our payment processor." busy={addCard.isPending} size="lg" onClose={onClose}>
      {open && <AddCardForm addCard={addCard} tokenizeUrl={tokenizeUrl} onCancel={onClose} onAdded={onAdded} />}
    </Dialog>
  );
}

function AddCardForm({
  addCard,
  tokenizeUrl,
  onCancel,
  onAdded,
}: {
  addCard: ReturnType<typeof useAddCard>;
  tokenizeUrl: string;
  onCancel: () => void;
  onAdded: (method: PaymentMethod) => void;
}) {
  const defaultValues: CardForm = { number: '', expiry: '', cvc: '', ...emptyAddress };
  const {
    register,
    submit,
    formError,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: cardFormSchema,
    defaultValues,
    onSubmit: async ({ number, expiry, cvc, ...address }) => onAdded(await addCard.mutateAsync({ tokenizeUrl, card: { number, expiry, cvc }, address })),
  });
  return (
    <form noValidate onSubmit={submit} className="space-y-5">
      <fieldset className="grid gap-4 sm:grid-cols-4">
        <legend className="mb-2 text-sm font-semibold text-slate-900">Card</legend>
        <TextField
          label="Card number"
          inputMode="numeric"
          autoComplete="cc-number"
          className="sm:col-span-2"
          placeholder="1234 1234 1234 1234"
          error={errors.number?.message}
          {...register('number')}
        />
        <TextField label="Expiry (MM/YY)" inputMode="numeric" autoComplete="cc-exp" placeholder="MM/YY" error={errors.expiry?.message} {...register('expiry')} />
        <TextField label="Security code (CVC)" inputMode="numeric" autoComplete="cc-csc" maxLength={4} error={errors.cvc?.message} {...register('cvc')} />
      </fieldset>
      <BillingAddressFields register={register} errors={errors} />
      <FormAlert error={formError} />
      <DialogActions>
        <Button variant="secondary" disabled={isSubmitting} onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" isLoading={isSubmitting}>
          Save card
        </Button>
      </DialogActions>
    </form>
  );
}
