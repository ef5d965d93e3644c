import type { PaymentMethod as MethodView, Payment as PaymentView } from '../../../contract/billing.js';
import { microsToEuros } from '../../../contract/money.js';
import type { Payment, PaymentMethod } from '../../db/schema.js';

/** Where customers send a bank transfer (the sandbox bank; a real deployment prints its own). */
export const BANK_ACCOUNT = { beneficiary: 'Switchboard Ltd', iban: 'GB33 BUKB 2020 1555 5555 55', bic: 'BUKBGB22' } as const;

export function methodLabel(method: Pick<PaymentMethod, 'type' | 'brand' | 'last4' | 'paypal_email'>): string {
  return method.type === 'card' ? `${method.brand} •••• ${method.last4}` : `PayPal ${method.paypal_email}`;
}

export function methodView(method: PaymentMethod): MethodView {
  return {
    id: method.id,
    type: method.type,
    label: methodLabel(method),
    brand: method.brand,
    last4: method.last4,
    exp_month: method.exp_month,
    exp_year: method.exp_year,
    paypal_email: method.paypal_email,
    is_default: method.is_default === 1,
    billing_name: method.billing_name,
    billing_line1: method.billing_line1,
    billing_city: method.billing_city,
    billing_postcode: method.billing_postcode,
    billing_country: method.billing_country,
    created_at: method.created_at,
  };
}

export function paymentView(payment: Payment): PaymentView {
  const awaitedTransfer = payment.method_type === 'bank_transfer' && payment.status === 'pending' && payment.reference;
  return {
    id: payment.id,
    method_type: payment.method_type,
    method_label: payment.method_label,
    amount: microsToEuros(payment.amount_micros),
    refunded: microsToEuros(payment.refunded_micros),
    status: payment.status,
    failure: payment.failure_code
      ? { code: payment.failure_code, message: payment.failure_message ?? payment.failure_code, retryable: payment.retryable === 1 }
      : null,
    reference: payment.reference,
    bank_instructions: awaitedTransfer
      ? { ...BANK_ACCOUNT, reference: payment.reference as string, amount: microsToEuros(payment.amount_micros) }
      : null,
    created_at: payment.created_at,
    settled_at: payment.settled_at,
  };
}
