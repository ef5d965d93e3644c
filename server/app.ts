import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { devToolsEnabled, publicUrl, type Config } from './config.js';
import type { AppContext } from './context.js';
import { buildContext, type ContextOverrides } from './context-factory.js';
import type { DatabaseHandle } from './db/database.js';
import { accountPublicRoutes } from './modules/account/public-routes.js';
import { activityRoutes } from './modules/activity/routes.js';
import { apiRequestsRoutes } from './modules/api-requests/routes.js';
import { usageRoutes } from './modules/usage/routes.js';
import { autoReloadRoutes } from './modules/auto-reload/routes.js';
import { balanceAlertsRoutes } from './modules/balance-alerts/routes.js';
import { displayCurrencyRoutes } from './modules/display-currency/routes.js';
import { billingRoutes } from './modules/billing/routes.js';
import { invoiceRoutes } from './modules/invoices/routes.js';
import { stripeWebhookRoutes } from './modules/billing/stripe-webhook-routes.js';
import { profileRoutes } from './modules/profile/routes.js';
import { contactRoutes } from './modules/profile/contact-routes.js';
import { accountRoutes } from './modules/account/routes.js';
import { numbersConsoleRoutes } from './modules/numbers/console-routes.js';
import { numbersPublicRoutes } from './modules/numbers/routes.js';
import { numberTransferRoutes } from './modules/numbers/transfer-routes.js';
import { shortCodesRoutes } from './modules/short-codes/routes.js';
import { secretsRoutes } from './modules/secrets/routes.js';
import { smsRoutes } from './modules/sms/routes.js';
import { statementsRoutes } from './modules/statements/routes.js';
import { messagesRoutes } from './modules/messages/routes.js';
import { inboundDevRoutes } from './modules/messages/inbound-dev-routes.js';
import { subaccountsConsoleRoutes } from './modules/subaccounts/console-routes.js';
import { subaccountsRoutes } from './modules/subaccounts/routes.js';
import { identityRoutes } from './modules/identity/routes.js';
import { teamRoutes } from './modules/team/routes.js';
import { devClockRoutes } from './jobs/dev-clock-routes.js';
import { jobs as allJobs } from './jobs/jobs.js';
import { createJobRunner, type JobRunner } from './jobs/runner.js';
import { installAccessControl } from './platform/auth/access.js';
import { createApiCredentialVerifier } from './platform/auth/api-credentials.js';
import { createFailureLimiter } from './platform/auth/failure-limiter.js';
import { installApiRequestLog } from './platform/api-request-log.js';
import { outboxRoutes } from './platform/delivery/outbox-routes.js';
import { sandboxProcessorRoutes } from './platform/payments/sandbox-routes.js';
import { frameworkErrorHandler, installErrorHandler } from './platform/error-handler.js';
import { healthRoutes } from './platform/health-routes.js';
import { loggerOptions } from './platform/logging.js';
import { installBodyParsing } from './platform/request-body.js';
import { installOriginCheck } from './platform/request-origin.js';
import { installSecurityHeaders } from './platform/security-headers.js';
import { spaRoutes } from './platform/spa-routes.js';

export interface AppDeps extends ContextOverrides {
  config: Config;
  database: DatabaseHandle;
  /** Where the built SPA lives; null serves the API only. */
  staticRoot?: string | null;
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
}

export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; ctx: AppContext; jobs: JobRunner; flushApiRequestLog(): Promise<void> }> {
  const { config, database } = deps;
  const ctx = buildContext(config, database, deps);

  const app = Fastify({
    logger: deps.logger === false ? false : loggerOptions(config, deps.logStream),
    trustProxy: typeof config.TRUST_PROXY === 'number' ? trustHops(config.TRUST_PROXY) : config.TRUST_PROXY,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installBodyParsing(app);
  installOriginCheck(app, new URL(publicUrl(config)).origin);

  installSecurityHeaders(app);
  // SQLite: no answer may show a commit before its sync is done (sqlite-group-commit.ts).
  if (database.dialect === 'sqlite') app.addHook('onSend', () => database.durable());
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Switchboard API', version: '0.1.0', description: 'Console API and the Vonage-compatible public API.' },
      components: { securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' } } },
    },
    transform: jsonSchemaTransform,
  });

  installAccessControl(app, {
    db: database.db,
    sessions: ctx.sessions,
    verifyApiCredentials: createApiCredentialVerifier(database.db),
    secureCookies: config.NODE_ENV === 'production',
    failedAuthLimiter: createFailureLimiter({ clock: ctx.clock, maxFailures: 20, windowMs: 60_000 }),
  });
  const apiRequestLog = installApiRequestLog(app, database.db, ctx.clock);

  app.get('/openapi.json', { config: { access: { auth: 'none' } }, schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes, { ctx });
  await app.register(identityRoutes, { ctx });
  await app.register(accountRoutes, { ctx });
  await app.register(accountPublicRoutes, { ctx });
  await app.register(secretsRoutes, { ctx });
  await app.register(subaccountsRoutes, { ctx });
  await app.register(subaccountsConsoleRoutes, { ctx });
  await app.register(smsRoutes, { ctx });
  await app.register(messagesRoutes, { ctx });
  await app.register(numbersPublicRoutes, { ctx });
  await app.register(numbersConsoleRoutes, { ctx });
  await app.register(numberTransferRoutes, { ctx });
  await app.register(shortCodesRoutes, { ctx });
  await app.register(activityRoutes, { ctx });
  await app.register(apiRequestsRoutes, { ctx });
  await app.register(usageRoutes, { ctx });
  await app.register(statementsRoutes, { ctx });
  await app.register(profileRoutes, { ctx });
  await app.register(balanceAlertsRoutes, { ctx });
  await app.register(displayCurrencyRoutes, { ctx });
  await app.register(teamRoutes, { ctx });
  await app.register(billingRoutes, { ctx });
  await app.register(invoiceRoutes, { ctx });
  await app.register(autoReloadRoutes, { ctx });
  // The sandbox processor's own pages and hosted field, as a third party would serve them.
  if (ctx.payments.name === 'sandbox') await app.register(sandboxProcessorRoutes, { ctx });
  // Stripe's signed events: payments Stripe held settle or fail when it says so.
  if (ctx.payments.name === 'stripe') await app.register(stripeWebhookRoutes, { ctx });
  await app.register(contactRoutes, { ctx });
  const jobs = createJobRunner({ ctx, jobs: allJobs, log: app.log });
  app.addHook('onClose', () => jobs.stop());
  if (devToolsEnabled(config)) {
    await app.register(outboxRoutes, { ctx });
    await app.register(devClockRoutes, { ctx, jobs });
    await app.register(inboundDevRoutes, { ctx, jobs });
  }
  if (deps.staticRoot !== null) await app.register(spaRoutes, { root: resolve(deps.staticRoot ?? 'dist') });

  return { app, ctx, jobs, flushApiRequestLog: apiRequestLog.flush };
}

/** Trusts the nearest `hops` proxies in front of us, whatever their addresses. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;
