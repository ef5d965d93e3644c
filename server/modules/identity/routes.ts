import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptedSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  resendPinRequestSchema,
  sessionSchema,
  setPasswordRequestSchema,
  signInRequestSchema,
  signupIdParamsSchema,
  signupStatusSchema,
  verifiedSignupSchema,
  verifyPinRequestSchema,
} from '../../../contract/identity.js';
import { signupRequestSchema } from '../../../contract/signup.js';
import type { AppContext } from '../../context.js';
import { sessionCookieOptions, sessionOf } from '../../platform/auth/access.js';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { confirmPasswordReset, requestPasswordReset, resetRequestedMessage } from './password-reset.js';
import { sessionView } from './session-view.js';
import { setPassword } from './set-password.js';
import { signIn } from './sign-in.js';
import { resendPin, signupStatus, startSignup, verifySignupPin } from './signup.js';

const open = { access: { auth: 'none' } } as const;
// Open to a user who must still replace a temporary password: reading the session, signing out, setting it.
const signedIn = { access: { auth: 'session', permission: 'signed-in', duringPasswordChange: true } } as const;

export const identityRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const secure = ctx.config.NODE_ENV === 'production';

  async function startSession(request: FastifyRequest, reply: FastifyReply, userId: string) {
    const { token, csrfToken } = await ctx.sessions.create(userId, request.ip, request.headers['user-agent']);
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(secure, ctx.sessions.ttlSeconds));
    return sessionView(ctx, userId, csrfToken);
  }

  app.post(
    '/api/signups',
    {
      config: open,
      schema: {
        tags: ['identity'],
        summary: 'Start a sign-up and send a PIN',
        body: signupRequestSchema,
        response: { 201: signupStatusSchema, 202: acceptedSchema },
      },
    },
    async (request, reply) => {
      const started = await startSignup(ctx, request.body, request.ip);
      if (started.kind === 'review') return reply.status(202).send({ message: started.message });
      return reply.status(201).send(started.status);
    },
  );

  app.get(
    '/api/signups/:signupId',
    { config: open, schema: { tags: ['identity'], params: signupIdParamsSchema, response: { 200: signupStatusSchema } } },
    async (request) => signupStatus(ctx, request.params.signupId),
  );

  app.post(
    '/api/signups/:signupId/resend',
    {
      config: open,
      schema: { tags: ['identity'], params: signupIdParamsSchema, body: resendPinRequestSchema, response: { 200: signupStatusSchema } },
    },
    async (request) => resendPin(ctx, request.params.signupId, request.body.channel, request.ip),
  );

  app.post(
    '/api/signups/:signupId/verify',
    {
      config: open,
      schema: { tags: ['identity'], params: signupIdParamsSchema, body: verifyPinRequestSchema, response: { 200: verifiedSignupSchema } },
    },
    async (request, reply) => {
      const verified = await verifySignupPin(ctx, request.params.signupId, request.body.pin);
      const session = await startSession(request, reply, verified.userId);
      return { ...session, api_secret: verified.apiSecret };
    },
  );

  app.post(
    '/api/sessions',
    { config: open, schema: { tags: ['identity'], summary: 'Sign in', body: signInRequestSchema, response: { 200: sessionSchema } } },
    async (request, reply) => {
      const { userId } = await signIn(ctx, request.body, request.ip);
      return startSession(request, reply, userId);
    },
  );

  app.get(
    '/api/session',
    { config: signedIn, schema: { tags: ['identity'], response: { 200: sessionSchema } } },
    async (request) => {
      const actor = sessionOf(request);
      return sessionView(ctx, actor.userId, actor.csrfToken);
    },
  );

  app.delete(
    '/api/sessions/current',
    { config: signedIn, schema: { tags: ['identity'], summary: 'Sign out', response: { 204: z.null() } } },
    async (request, reply) => {
      await ctx.sessions.end(request.cookies[SESSION_COOKIE] ?? '');
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/session/password',
    {
      config: signedIn,
      schema: { tags: ['identity'], summary: 'Replace the signed-in user\'s password (ends their other sessions)', body: setPasswordRequestSchema, response: { 200: sessionSchema } },
    },
    async (request) => {
      const actor = sessionOf(request);
      await setPassword(ctx, actor.userId, actor.sessionHash, request.body, request.ip);
      return sessionView(ctx, actor.userId, actor.csrfToken);
    },
  );

  app.post(
    '/api/password-resets',
    { config: open, schema: { tags: ['identity'], body: passwordResetRequestSchema, response: { 202: acceptedSchema } } },
    async (request, reply) => {
      await requestPasswordReset(ctx, request.body.email, request.ip);
      return reply.status(202).send({ message: resetRequestedMessage });
    },
  );

  app.post(
    '/api/password-resets/confirm',
    { config: open, schema: { tags: ['identity'], body: passwordResetConfirmSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await confirmPasswordReset(ctx, request.body.token, request.body.password, request.ip);
      return reply.status(204).send(null);
    },
  );
};
