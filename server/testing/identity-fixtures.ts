import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { Browser } from './test-app.js';

let sequence = 0;

/** A valid, unique sign-up: UK mobile numbers +44 7400 1xxxxx are valid and unused. */
export function signupInput(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  const unique = `${process.pid % 1000}${sequence}`.padStart(5, '0').slice(-5);
  return {
    company_name: 'Acme Telecom Ltd',
    name: 'Ada Lovelace',
    email: `ada.${unique}.${Math.random().toString(36).slice(2, 7)}@example.com`,
    password: 'correct horse 42',
    country: 'GB',
    phone: `074001${unique}`,
    pin_channel: 'sms',
    ...overrides,
  };
}

export async function latestPin(ctx: AppContext, recipient: string): Promise<string> {
  const [message] = await ctx.outbox.list({ recipient, limit: 1 });
  const digits = message?.body.match(/(\d)\s?(\d)\s?(\d)\s?(\d)/);
  if (!digits) throw new Error(`no PIN in the outbox for ${recipient}`);
  return digits.slice(1, 5).join('');
}

const owners = new Map<string, { email: string; password: string }>();

/**
 * A new browser signed in as the owner who signed `primaryApiKey` up, for fixtures that act as them
 * whatever the test did to the owner's first session.
 */
export async function signInOwner(app: FastifyInstance, primaryApiKey: string): Promise<Browser> {
  const credentials = owners.get(primaryApiKey);
  if (!credentials) throw new Error(`no owner signed up ${primaryApiKey} in this test file`);
  const browser = new Browser(app);
  const signedIn = await browser.post('/api/sessions', credentials);
  if (signedIn.statusCode !== 200) throw new Error(`owner sign-in failed: ${signedIn.statusCode} ${signedIn.body}`);
  return browser;
}

/** Signs up and verifies through HTTP; returns the signed-in browser and the account's credentials. */
export async function signUpVerified(app: FastifyInstance, ctx: AppContext, overrides: Record<string, unknown> = {}) {
  const browser = new Browser(app);
  const input = signupInput(overrides);
  const started = await browser.post('/api/signups', input);
  if (started.statusCode !== 201) throw new Error(`sign-up failed: ${started.statusCode} ${started.body}`);
  const { signup_id: signupId } = started.json() as { signup_id: string };
  const e164 = `+44${String(input.phone).slice(1)}`;
  const verified = await browser.post(`/api/signups/${signupId}/verify`, { pin: await latestPin(ctx, e164) });
  if (verified.statusCode !== 200) throw new Error(`verify failed: ${verified.statusCode} ${verified.body}`);
  const body = verified.json() as { account: { api_key: string }; api_secret: string };
  owners.set(body.account.api_key, { email: String(input.email), password: String(input.password) });
  return { browser, input, e164, apiKey: body.account.api_key, apiSecret: body.api_secret };
}
