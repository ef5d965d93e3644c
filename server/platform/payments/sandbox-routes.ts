import fastifyFormbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sandboxTokenRequestSchema, sandboxTokenSchema } from '../../../contract/billing.js';
import type { AppContext } from '../../context.js';
import { fieldError, invalidInput, notFound } from '../problems.js';
import { brandOf, behaviourOf, expired, fingerprintOf, luhnValid, parseExpiry } from './sandbox-cards.js';
import { newSandboxToken, SANDBOX_PREFIX } from './sandbox-processor.js';

/**
 * The sandbox processor's own HTTP face, under a prefix of its own as if it were a third party's host:
 * the hosted card field's tokenisation endpoint (the console posts the card number here, never to our
 * API) and PayPal's approve/deny page. Nothing here logs or keeps a card number or a CVC.
 */
export const sandboxProcessorRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(fastifyFormbody);
  const open = { access: { auth: 'none' as const } };
  const tags = ['sandbox processor'];

  app.post(
    `${SANDBOX_PREFIX}/v1/tokens`,
    { config: open, schema: { tags, summary: 'Hosted card field: tokenise a card (the sandbox processor, not Switchboard)', body: sandboxTokenRequestSchema, response: { 201: sandboxTokenSchema } } },
    async (request, reply) => {
      const number = request.body.number.replace(/[\s-]/g, '');
      const expiry = parseExpiry(request.body.expiry);
      const problems: { name: string; reason: string }[] = [];
      const brand = brandOf(number);
      if (!/^\d{13,19}$/.test(number) || !luhnValid(number)) problems.push({ name: 'number', reason: 'This card number is not valid' });
      else if (!brand) problems.push({ name: 'number', reason: 'Only Visa, Mastercard and American Express are accepted' });
      if (!expiry) problems.push({ name: 'expiry', reason: 'Enter the expiry date as MM/YY' });
      else if (expired(expiry, ctx.clock.now())) problems.push({ name: 'expiry', reason: 'This card has expired' });
      if (!/^\d{3,4}$/.test(request.body.cvc)) problems.push({ name: 'cvc', reason: 'The security code is 3 or 4 digits' });
      if (problems.length > 0 || !expiry || !brand) throw invalidInput(problems, 'The card details are not valid.');

      const card = {
        token: newSandboxToken(),
        fingerprint: fingerprintOf(number),
        brand,
        last4: number.slice(-4),
        exp_month: expiry.month,
        exp_year: expiry.year,
      };
      await ctx.db.insertInto('sandbox_cards').values({ ...card, behaviour: behaviourOf(number), created_at: ctx.clock.now().toISOString() }).execute();
      return reply.status(201).send(card);
    },
  );

  const sessionQuery = z.object({ session: z.string().min(1).max(100) });

  app.get(
    `${SANDBOX_PREFIX}/paypal/approve`,
    { config: open, schema: { tags, summary: 'PayPal (sandbox): the approve/deny page', querystring: sessionQuery } },
    async (request, reply) => {
      const session = await ctx.db.selectFrom('sandbox_paypal_sessions').select(['id', 'status']).where('id', '=', request.query.session).executeTakeFirst();
      if (!session || session.status !== 'created') throw approvalGone();
      return reply.type('text/html').send(approvalPage(session.id));
    },
  );

  app.post(
    `${SANDBOX_PREFIX}/paypal/approve`,
    {
      config: open,
      schema: {
        tags,
        summary: 'PayPal (sandbox): approve or deny, then back to the merchant',
        body: z.object({ session: z.string().min(1).max(100), decision: z.enum(['approve', 'deny']), email: z.string().email().max(200).optional().or(z.literal('')) }),
      },
    },
    async (request, reply) => {
      const { session: id, decision, email } = request.body;
      const session = await ctx.db.selectFrom('sandbox_paypal_sessions').selectAll().where('id', '=', id).executeTakeFirst();
      if (!session || session.status !== 'created') throw approvalGone();
      if (decision === 'approve' && !email) throw fieldError('email', 'Enter the e-mail address of your PayPal account');
      const payerEmail = decision === 'approve' ? (email as string).toLowerCase() : null;
      await ctx.db
        .updateTable('sandbox_paypal_sessions')
        .set({ status: decision === 'approve' ? 'approved' : 'denied', payer_email: payerEmail, payer_id: payerEmail ? `PAYER-${fingerprintOf(payerEmail).slice(0, 13).toUpperCase()}` : null })
        .where('id', '=', id)
        .where('status', '=', 'created')
        .execute();
      // The merchant's return path on this same host (the sandbox shares Switchboard's origin).
      const back = new URL(session.return_url, 'http://sandbox.invalid');
      back.searchParams.set('paypal_session', id);
      return reply.redirect(`${back.pathname}${back.search}`, 303);
    },
  );
};

const approvalGone = () => notFound('This PayPal approval is unknown or already answered: start again from Switchboard.');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — PayPal (sandbox)</title><style>
body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#0f172a}
h1{font-size:1.4rem}label{display:block;font-weight:600;margin:1rem 0 .3rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
.actions{display:flex;gap:.75rem;margin-top:1.25rem}button{padding:.6rem 1.2rem;font-size:1rem;border-radius:.4rem;border:1px solid #1e3a8a}
.approve{background:#1e3a8a;color:#fff}.deny{background:#fff;color:#1e3a8a}.note{color:#475569;font-size:.9rem}
</style></head><body><main>${body}</main></body></html>`;
}

function approvalPage(sessionId: string): string {
  return page(
    'Approve payments',
    `<h1>PayPal (sandbox)</h1>
<p>Switchboard asks to charge your PayPal account for top-ups you make, until you remove it.</p>
<p class="note">This is the sandbox processor: no real PayPal account is charged.</p>
<form method="post" action="${SANDBOX_PREFIX}/paypal/approve">
<input type="hidden" name="session" value="${escapeHtml(sessionId)}">
<label for="email">PayPal account e-mail</label>
<input id="email" name="email" type="email" autocomplete="email" required>
<div class="actions"><button class="approve" type="submit" name="decision" value="approve">Agree and continue</button>
<button class="deny" type="submit" name="decision" value="deny" formnovalidate>Cancel and return</button></div>
</form>`,
  );
}
