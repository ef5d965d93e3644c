import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { OutboxMessage } from '../../db/schema.js';


/** The delivery outbox, readable in development and tests only; never registered in production. */
export const outboxRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/dev/outbox',
    {
      config: { access: { auth: 'none' } },
      schema: {
        tags: ['development'],
        summary: 'Messages that would have been sent (development only)',
        querystring: z.object({ recipient: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
    },
    async (request, reply) => {
      const messages = await ctx.outbox.list(request.query);
      if (request.headers.accept?.includes('text/html')) {
        return reply.type('text/html').send(renderOutbox(messages));
      }
      return { messages };
    },
  );
};

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function renderOutbox(messages: OutboxMessage[]): string {
  const rows = messages
    .map(
      (m) =>
        `<tr><td>${escape(m.created_at)}</td><td>${m.channel}</td><td>${escape(m.recipient)}</td><td>${escape(m.subject ?? '')}</td><td><pre>${escape(m.body)}</pre></td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchboard outbox</title></head><body><h1>Outbox</h1><p>What Switchboard would have sent by e-mail, SMS or voice call (development only).</p><table border="1" cellpadding="6"><thead><tr><th>Time</th><th>Channel</th><th>To</th><th>Subject</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}
