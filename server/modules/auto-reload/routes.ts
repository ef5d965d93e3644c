import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { autoReloadSchema, updateAutoReloadRequestSchema } from '../../../contract/auto-reload.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf } from '../../platform/auth/access.js';
import { readAutoReload, resumeAutoReload, updateAutoReload } from './settings.js';

const tags = ['auto-reload'];

/** The console's auto-reload settings of the caller's family (its primary account) and "resume". */
export const autoReloadRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const read = { access: { auth: 'session' as const, permission: 'billing:read' as const, account: { family: true as const } } };
  const write = { access: { auth: 'session' as const, permission: 'billing:write' as const, account: { family: true as const } } };

  app.get(
    '/api/auto-reload',
    { config: read, schema: { tags, summary: 'Auto-reload: its state, method, amount and threshold, the last decline and reload', response: { 200: autoReloadSchema } } },
    async (request) => readAutoReload(ctx.db, accountOf(request).api_key),
  );

  app.put(
    '/api/auto-reload',
    {
      config: write,
      schema: {
        tags,
        summary: 'Turn auto-reload on or off and set its method, amount (€10–€10 000) and threshold; a new method re-arms a paused one',
        body: updateAutoReloadRequestSchema,
        response: { 200: autoReloadSchema },
      },
    },
    async (request) => updateAutoReload(ctx, accountOf(request).api_key, request.body, authorOf(request)),
  );

  app.post(
    '/api/auto-reload/resume',
    { config: write, schema: { tags, summary: 'Re-arm a paused or failing auto-reload with the same method', response: { 200: autoReloadSchema } } },
    async (request) => resumeAutoReload(ctx, accountOf(request).api_key, authorOf(request)),
  );
};
