import { parseArgs } from 'node:util';
import { eurosToMicros, microsToEuros } from '../../contract/money.js';
import type { AppContext } from '../context.js';
import type { Payment } from '../db/schema.js';
import { refundPayment, settleBankTransfer } from '../modules/billing/payments.js';
import { operatorAuthor } from '../platform/activity/author.js';
import { asUsageErrors, CliUsageError } from './cli-error.js';

function euros(value: string | undefined, flag: string): number {
  const micros = value === undefined ? null : eurosToMicros(value);
  if (micros === null || micros <= 0) throw new CliUsageError(`--${flag} must be a positive amount in EUR with at most 6 decimals`);
  return micros;
}

const summary = (payment: Payment) => ({
  payment: payment.id,
  account: payment.primary_api_key,
  status: payment.status,
  amount: microsToEuros(payment.amount_micros),
  refunded: microsToEuros(payment.refunded_micros),
});

/** settle-bank-transfer --reference R --amount A: credits the awaited transfer once; another amount is refused (exit 2). */
export async function settleBankTransferCommand(ctx: AppContext, args: string[]): Promise<object> {
  const { values } = parseArgs({ args, options: { reference: { type: 'string' }, amount: { type: 'string' } }, strict: true });
  if (!values.reference) throw new CliUsageError('--reference is required');
  const amount = euros(values.amount, 'amount');
  const reference = values.reference.trim().toUpperCase();
  const { payment, applied } = await asUsageErrors(() => settleBankTransfer(ctx, reference, amount, operatorAuthor));
  return { ...summary(payment), applied };
}

/** refund --payment ID [--amount A] [--force]: never below the credit limit unless forced. */
export async function refundCommand(ctx: AppContext, args: string[]): Promise<object> {
  const { values } = parseArgs({ args, options: { payment: { type: 'string' }, amount: { type: 'string' }, force: { type: 'boolean' } }, strict: true });
  if (!values.payment) throw new CliUsageError('--payment is required');
  const paymentId = values.payment;
  const amount = values.amount === undefined ? null : euros(values.amount, 'amount');
  return summary(await asUsageErrors(() => refundPayment(ctx, paymentId, amount, values.force ?? false, operatorAuthor)));
}
