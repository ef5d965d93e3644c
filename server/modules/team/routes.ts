import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  inviteMemberSchema,
  memberAccessSchema,
  memberParamsSchema,
  memberSchema,
  roleParamsSchema,
  roleRequestSchema,
  roleSchema,
  rolesSchema,
  scopeCandidatesQuerySchema,
  scopeCandidatesSchema,
  TEAM_MEMBER_LIMIT,
  teamSchema,
  transferOwnershipSchema,
} from '../../../contract/team.js';
import type { AppContext } from '../../context.js';
import { authorOf } from '../../platform/activity/author.js';
import { accountOf, sessionOf } from '../../platform/auth/access.js';
import { assertWholeFamily } from './manager.js';
import { changeAccess, inviteMember, listMembers, removeMember, resendInvitation, setDisabled } from './members.js';
import { transferOwnership } from './ownership.js';
import { createRole, deleteRole, listRoles, updateRole } from './roles.js';
import { scopeCandidates } from './scope-candidates.js';

// Every team route needs team:manage over the caller's family; the services add what the manager's
// own grant bounds (the whole family, no permission they lack).
const manage = { access: { auth: 'session', permission: 'team:manage', account: { family: true } } } as const;

export const teamRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/team/members',
    { config: manage, schema: { tags: ['team'], summary: 'The family’s members, the owner first', response: { 200: teamSchema } } },
    async (request) => {
      assertWholeFamily(sessionOf(request));
      return { members: await listMembers(ctx.db, accountOf(request).api_key), member_limit: TEAM_MEMBER_LIMIT };
    },
  );

  app.post(
    '/api/team/members',
    {
      config: manage,
      schema: { tags: ['team'], summary: 'Invite a member: a temporary password valid 72 hours goes to them by e-mail', body: inviteMemberSchema, response: { 201: memberSchema } },
    },
    async (request, reply) => reply.status(201).send(await inviteMember(ctx, sessionOf(request), accountOf(request), request.body, authorOf(request))),
  );

  app.put(
    '/api/team/members/:member_id/access',
    {
      config: manage,
      schema: { tags: ['team'], summary: 'Change a member’s role and scope', params: memberParamsSchema, body: memberAccessSchema, response: { 200: memberSchema } },
    },
    async (request) => changeAccess(ctx, sessionOf(request), accountOf(request).api_key, request.params.member_id, request.body, authorOf(request)),
  );

  app.post(
    '/api/team/members/:member_id/invitation',
    {
      config: manage,
      schema: { tags: ['team'], summary: 'Send the invitation again with a new temporary password (the old one stops working)', params: memberParamsSchema, response: { 200: memberSchema } },
    },
    async (request) => resendInvitation(ctx, sessionOf(request), accountOf(request), request.params.member_id, authorOf(request)),
  );

  app.post(
    '/api/team/members/:member_id/disable',
    { config: manage, schema: { tags: ['team'], summary: 'Disable a member (their sessions end at once)', params: memberParamsSchema, response: { 200: memberSchema } } },
    async (request) => setDisabled(ctx, sessionOf(request), accountOf(request).api_key, request.params.member_id, true, authorOf(request)),
  );

  app.post(
    '/api/team/members/:member_id/enable',
    { config: manage, schema: { tags: ['team'], summary: 'Enable a disabled member', params: memberParamsSchema, response: { 200: memberSchema } } },
    async (request) => setDisabled(ctx, sessionOf(request), accountOf(request).api_key, request.params.member_id, false, authorOf(request)),
  );

  app.delete(
    '/api/team/members/:member_id',
    { config: manage, schema: { tags: ['team'], summary: 'Remove a member (their sessions end at once)', params: memberParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await removeMember(ctx, sessionOf(request), accountOf(request).api_key, request.params.member_id, authorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/team/ownership',
    {
      config: manage,
      schema: { tags: ['team'], summary: 'The owner hands ownership to another active Administrator (confirmed with the owner’s password)', body: transferOwnershipSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await transferOwnership(ctx, sessionOf(request), accountOf(request).api_key, request.body, authorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/team/subaccounts',
    {
      config: manage,
      schema: { tags: ['team'], summary: 'Subaccounts a member’s scope can be made of, by name or API key', querystring: scopeCandidatesQuerySchema, response: { 200: scopeCandidatesSchema } },
    },
    async (request) => {
      assertWholeFamily(sessionOf(request));
      return scopeCandidates(ctx.db, accountOf(request).api_key, request.query.search);
    },
  );

  app.get(
    '/api/team/roles',
    { config: manage, schema: { tags: ['team'], summary: 'Built-in and custom roles, with how many members have each', response: { 200: rolesSchema } } },
    async (request) => ({ roles: await listRoles(ctx.db, accountOf(request).api_key) }),
  );

  app.post(
    '/api/team/roles',
    { config: manage, schema: { tags: ['team'], summary: 'Build a custom role from the permission list', body: roleRequestSchema, response: { 201: roleSchema } } },
    async (request, reply) => reply.status(201).send(await createRole(ctx, sessionOf(request), accountOf(request).api_key, request.body, authorOf(request))),
  );

  app.put(
    '/api/team/roles/:role_id',
    {
      config: manage,
      schema: { tags: ['team'], summary: 'Rename a custom role or change its permissions', params: roleParamsSchema, body: roleRequestSchema, response: { 200: roleSchema } },
    },
    async (request) => updateRole(ctx, sessionOf(request), accountOf(request).api_key, request.params.role_id, request.body, authorOf(request)),
  );

  app.delete(
    '/api/team/roles/:role_id',
    { config: manage, schema: { tags: ['team'], summary: 'Delete a custom role no member has', params: roleParamsSchema, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteRole(ctx, sessionOf(request), accountOf(request).api_key, request.params.role_id, authorOf(request));
      return reply.status(204).send(null);
    },
  );
};
