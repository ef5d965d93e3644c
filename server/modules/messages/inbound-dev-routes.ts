import fastifyFormbody from '@fastify/formbody';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { JobRunner } from '../../jobs/runner.js';
import { receiveInboundSms } from './inbound.js';

const inboundSchema = z.object({ from: z.string().trim().min(1).max(32), to: z.string().trim().min(1).max(32), text: z.string().min(1).max(2_000) });
const receivedSchema = z.object({ message_id: z.string(), api_key: z.string(), webhook_url: z.string().nullable() });

const page = (notice = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Simulate an inbound SMS</title></head><body>
<h1>Simulate an inbound SMS</h1><p>A message from a handset to one of your rented numbers (development only). Switchboard delivers it to the number's inbound webhook (moHttpUrl), or the account's moCallBackUrl.</p>${notice}
<form method="post" action="/dev/inbound-sms"><p><label>From (the handset) <input name="from" required value="447700900001"></label></p>
<p><label>To (your number) <input name="to" required></label></p><p><label>Text <input name="text" required value="Hello"></label></p><p><button type="submit">Send to my number</button></p></form>
<p><a href="/dev/outbox">Outbox</a></p></body></html>`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Development only, beside /dev/outbox: a message from a handset to a rented number. */
export const inboundDevRoutes: FastifyPluginAsyncZod<{ ctx: AppContext; jobs: JobRunner }> = async (app, { ctx, jobs }) => {
  await app.register(fastifyFormbody);
  const tags = ['development'];

  app.get(
    '/dev/inbound-sms',
    {
      config: { access: { auth: 'none' } },
      schema: { tags, summary: 'The inbound SMS simulator (development only)', querystring: z.object({ sent: z.string().max(40).optional(), to: z.string().max(300).optional() }) },
    },
    async (request, reply) => {
      const { sent, to } = request.query;
      const where = to ? `sent to ${escape(to)}` : 'recorded; the number has no moHttpUrl and its account no moCallBackUrl';
      return reply.type('text/html').send(page(sent ? `<p role="status">Message ${escape(sent)} ${where}.</p>` : ''));
    },
  );

  app.post(
    '/dev/inbound-sms',
    {
      config: { access: { auth: 'none' } },
      schema: { tags, summary: 'Simulate an SMS from a handset to a rented number (development only)', body: inboundSchema, response: { 201: receivedSchema } },
    },
    async (request, reply) => {
      const received = await receiveInboundSms(ctx, request.body);
      jobs.wake();
      // The page's form gets the page again, saying what happened.
      if (request.headers.accept?.includes('text/html')) return reply.redirect(`/dev/inbound-sms?${new URLSearchParams({ sent: received.message_id, to: received.webhook_url ?? '' })}`, 303);
      return reply.status(201).send(received);
    },
  );
};
