import type { LightMyRequestResponse } from 'fastify';
import type { Browser } from '../../testing/test-app.js';

/** Test support for the billing module's API tests (not a test file itself). */

export const address = { billing_name: 'Ada Lovelace', billing_line1: '12 St James’s Square', billing_city: 'London', billing_postcode: 'SW1Y 4LB', billing_country: 'GB' };

export const testCards = {
  visa: '4242424242424242',
  mastercard: '5555555555554444',
  insufficientFunds: '4000000000009995',
  doNotHonour: '4000000000000002',
  reviewSettles: '4000000000000259',
  reviewDeclines: '4000000000000267',
} as const;

/** What the console's card form does: the number goes to the sandbox processor's hosted field, only the token to us. */
export async function tokenise(browser: Browser, number: string, extra: { expiry?: string; cvc?: string } = {}): Promise<LightMyRequestResponse> {
  return browser.request({ method: 'POST', url: '/sandbox-processor/v1/tokens', payload: { number, expiry: extra.expiry ?? '12/30', cvc: extra.cvc ?? '737' } });
}

export async function addCard(browser: Browser, number: string): Promise<LightMyRequestResponse> {
  const token = await tokenise(browser, number);
  if (token.statusCode !== 201) throw new Error(`tokenise failed: ${token.statusCode} ${token.body}`);
  return browser.post('/api/billing/payment-methods/cards', { token: token.json().token, ...address });
}

export async function addedCardId(browser: Browser, number: string): Promise<string> {
  const added = await addCard(browser, number);
  if (added.statusCode !== 201) throw new Error(`adding the card failed: ${added.statusCode} ${added.body}`);
  return added.json().id;
}

export function topUp(browser: Browser, methodId: string, amount: number, key: string | null): Promise<LightMyRequestResponse> {
  return browser.request({
    method: 'POST',
    url: '/api/billing/top-ups',
    payload: { method_id: methodId, amount },
    headers: key === null ? {} : { 'idempotency-key': key },
  });
}

/** Goes through the sandbox's PayPal page as the customer would; returns the session to complete. */
export async function approvePayPal(browser: Browser, email: string, decision: 'approve' | 'deny' = 'approve'): Promise<string> {
  const started = await browser.post('/api/billing/payment-methods/paypal');
  if (started.statusCode !== 200) throw new Error(`PayPal start failed: ${started.statusCode} ${started.body}`);
  const approveUrl = new URL(started.json().approve_url, 'http://localhost');
  const session = approveUrl.searchParams.get('session') as string;
  const answered = await browser.request({
    method: 'POST',
    url: approveUrl.pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ session, decision, email }).toString(),
  });
  if (answered.statusCode !== 303) throw new Error(`PayPal approval failed: ${answered.statusCode} ${answered.body}`);
  return new URL(answered.headers.location as string, 'http://localhost').searchParams.get('paypal_session') as string;
}
