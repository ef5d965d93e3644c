import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  activeSessionsSchema,
  confirmTwoFactorRequestSchema,
  disableTwoFactorRequestSchema,
  endedSessionsSchema,
  recoveryCodesSchema,
  twoFactorEnrolmentSchema,
  twoFactorStatusSchema,
} from '../../../contract/profile.js';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { sessionOf } from '../../platform/auth/access.js';
import { activeSessions, endOtherSessions } from './active-sessions.js';
import { confirmTwoFactorEnrolment, disableTwoFactor, startTwoFactorEnrolment, twoFactorStatus } from './two-factor.js';

const own = { access: { auth: 'session', permission: 'signed-in' } } as const;
// Open to a member whom the owner requires to turn two-factor sign-in on: what turning it on takes.
const enrolling = { access: { auth: 'session', permission: 'signed-in', duringTwoFactorEnrolment: true } } as const;
const tags = ['profile'];

/** The signed-in user's own security: their sessions and two-factor sign-in (contact details: contact-routes.ts). */
export const profileRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/profile/sessions',
    { config: own, schema: { tags, summary: 'Your active sessions', response: { 200: activeSessionsSchema } } },
    async (request) => {
      const actor = sessionOf(request);
      return activeSessions(ctx, actor.userId, actor.sessionHash);
    },
  );

  app.delete(
    '/api/profile/sessions/others',
    { config: own, schema: { tags, summary: 'Sign out every other session', response: { 200: endedSessionsSchema } } },
    async (request) => ({ ended: await endOtherSessions(ctx, sessionOf(request), authorOf(request)) }),
  );

  app.get(
    '/api/profile/two-factor',
    { config: enrolling, schema: { tags, summary: 'Whether two-factor sign-in is on', response: { 200: twoFactorStatusSchema } } },
    async (request) => twoFactorStatus(ctx, sessionOf(request).userId),
  );

  app.post(
    '/api/profile/two-factor/enrolment',
    { config: enrolling, schema: { tags, summary: 'Start enrolling an authenticator app (QR code)', response: { 201: twoFactorEnrolmentSchema } } },
    async (request, reply) => reply.status(201).send(await startTwoFactorEnrolment(ctx, sessionOf(request).userId)),
  );

  app.post(
    '/api/profile/two-factor/enrolment/confirm',
    {
      config: enrolling,
      schema: { tags, summary: 'Confirm with the app\'s code: turns two-factor sign-in on, shows recovery codes once', body: confirmTwoFactorRequestSchema, response: { 200: recoveryCodesSchema } },
    },
    async (request) => confirmTwoFactorEnrolment(ctx, sessionOf(request).userId, request.body.code, authorOf(request)),
  );

  app.post(
    '/api/profile/two-factor/disable',
    { config: own, schema: { tags, summary: 'Turn two-factor sign-in off (password and a code)', body: disableTwoFactorRequestSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await disableTwoFactor(ctx, sessionOf(request).userId, request.body, authorOf(request));
      return reply.status(204).send(null);
    },
  );
};
