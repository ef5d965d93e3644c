import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { companyRequestSchema, companySchema } from '../../../contract/company.js';
import {
  emailChangeConfirmSchema,
  emailChangedSchema,
  emailChangeRequestSchema,
  phoneChangeRequestSchema,
  phoneChangeStatusSchema,
  profileSchema,
  teamSecuritySchema,
  updateContactRequestSchema,
  verifyPhoneChangeRequestSchema,
} from '../../../contract/profile.js';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { readCompany, readTeamSecurity, setTwoFactorRequirement, updateCompany } from './company.js';
import { confirmEmailChange, readProfile, requestEmailChange, startPhoneChange, updateContact, verifyPhoneChange } from './contact.js';

const own = { access: { auth: 'session', permission: 'signed-in' } } as const;
const family = { auth: 'session', permission: 'signed-in', account: { family: true } } as const;
const tags = ['profile'];

/** Seed 004 "Manage your profile": contact details, the company, the team's two-factor rule. */
export const contactRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/api/profile', { config: own, schema: { tags, summary: 'Your contact details', response: { 200: profileSchema } } }, async (request) =>
    readProfile(ctx, sessionOf(request).userId),
  );

  app.patch(
    '/api/profile',
    { config: own, schema: { tags, summary: 'Change your name and Skype name', body: updateContactRequestSchema, response: { 200: profileSchema } } },
    async (request) => updateContact(ctx, sessionOf(request).userId, request.body, authorOf(request)),
  );

  app.post(
    '/api/profile/email',
    {
      config: own,
      schema: { tags, summary: 'Change your e-mail: a link valid 24 hours goes to the new address', body: emailChangeRequestSchema, response: { 202: profileSchema } },
    },
    async (request, reply) => reply.status(202).send(await requestEmailChange(ctx, sessionOf(request).userId, request.body, authorOf(request))),
  );

  // Open: the link may be opened in another browser; the token in it is the proof.
  app.post(
    '/api/profile/email/confirm',
    {
      config: { access: { auth: 'none' } },
      schema: { tags, summary: 'Confirm a new e-mail address with the token from its link', body: emailChangeConfirmSchema, response: { 200: emailChangedSchema } },
    },
    async (request) => confirmEmailChange(ctx, request.body.token, request.ip),
  );

  app.post(
    '/api/profile/phone',
    { config: own, schema: { tags, summary: 'Change your phone: a PIN goes to the new number', body: phoneChangeRequestSchema, response: { 201: phoneChangeStatusSchema } } },
    async (request, reply) => reply.status(201).send(await startPhoneChange(ctx, sessionOf(request).userId, request.body, request.ip, authorOf(request))),
  );

  app.post(
    '/api/profile/phone/verify',
    {
      config: own,
      schema: { tags, summary: 'Verify the new phone with its PIN', body: verifyPhoneChangeRequestSchema, response: { 200: z.object({ phone: z.string() }) } },
    },
    async (request) => verifyPhoneChange(ctx, sessionOf(request).userId, request.body.pin, authorOf(request)),
  );

  app.get(
    '/api/company',
    { config: { access: family }, schema: { tags, summary: 'The company: name, address, VAT number', response: { 200: companySchema } } },
    async (request) => {
      const actor = sessionOf(request);
      return readCompany(ctx, accountOf(request).api_key, actor.owner || actor.roleId === 'administrator');
    },
  );

  app.put(
    '/api/company',
    {
      config: { access: { ...family, role: 'administrator' } },
      schema: { tags, summary: 'Change the company (owner and Administrators)', body: companyRequestSchema, response: { 200: companySchema } },
    },
    async (request) => updateCompany(ctx, accountOf(request).api_key, request.body, authorOf(request)),
  );

  app.get(
    '/api/security/two-factor-requirement',
    { config: { access: family }, schema: { tags, summary: 'Whether every member must use two-factor sign-in', response: { 200: teamSecuritySchema } } },
    async (request) => readTeamSecurity(ctx, accountOf(request).api_key),
  );

  app.put(
    '/api/security/two-factor-requirement',
    {
      config: { access: { ...family, role: 'owner' } },
      schema: { tags, summary: 'Require two-factor sign-in of every member (owner only)', body: teamSecuritySchema, response: { 200: teamSecuritySchema } },
    },
    async (request) => {
      const actor = sessionOf(request);
      return setTwoFactorRequirement(ctx, { userId: actor.userId, primaryApiKey: accountOf(request).api_key }, request.body.require_two_factor, authorOf(request));
    },
  );
};
