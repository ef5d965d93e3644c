import { billingAddressSchema } from '../../../../contract/billing.js';
import { Button } from '../../../components/ui/button.js';
import { Dialog, DialogActions } from '../../../components/ui/dialog.js';
import { FormAlert } from '../../../components/ui/form-alert.js';
import { useApiForm } from '../../../lib/use-api-form.js';
import { rememberPayPalAddress, startPayPal } from '../api/paypal.js';
import { BillingAddressFields, emptyAddress } from './billing-address-fields.js';

/** Add a PayPal account: the billing address first, then approval at PayPal, which sends the customer back here. */
export function AddPayPalDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const {
    register,
    submit,
    formError,
    formState: { errors, isSubmitting },
  } = useApiForm({
    schema: billingAddressSchema,
    defaultValues: emptyAddress,
    onSubmit: async (address) => {
      const { approve_url: approveUrl } = await startPayPal();
      rememberPayPalAddress(address);
      window.location.assign(approveUrl);
    },
  });
  return (
    <Dialog open={open} title="Add a PayPal account" description="You approve Switchboard at PayPal and come back here." busy={isSubmitting} size="lg" onClose={onClose}>
      <form noValidate onSubmit={submit} className="space-y-5">
        <BillingAddressFields register={register} errors={errors} />
        <FormAlert error={formError} />
        <DialogActions>
          <Button variant="secondary" disabled={isSubmitting} onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" isLoading={isSubmitting}>
            Continue to PayPal
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
