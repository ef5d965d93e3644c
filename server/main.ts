import { buildApp } from './app.js';
import { devToolsEnabled, isLoopbackHost, mailRelay, productionProblems, publicUrl, readConfig } from './config.js';
import { migrate, openDatabase } from './db/database.js';
import { OffsetClock, systemClock } from './platform/clock.js';
import { sealPlaintextTotpSecrets } from './platform/secret-box.js';

const config = readConfig();
const problems = productionProblems(config);
if (problems.length > 0) {
  console.error(`Switchboard will not start in production:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  process.exit(1);
}
const database = await openDatabase(config.DATABASE_URL);
await migrate(database);
// Outside production the clock can be moved forward through /dev/clock.
const clock = config.NODE_ENV === 'production' ? systemClock : new OffsetClock();
const { app, ctx, jobs } = await buildApp({ config, database, clock });
const sealed = await sealPlaintextTotpSecrets(database.db, ctx.secretBox);
if (sealed > 0) app.log.info(`encrypted the two-factor secrets of ${sealed} users stored before encryption`);
database.onConnectionLost((error) => app.log.warn({ err: error }, 'database connection lost; the next query reconnects'));

const shutdown = async (signal: string) => {
  app.log.info(`${signal}: shutting down`);
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

const address = await app.listen({ host: config.HOST, port: config.PORT });
jobs.start();
const url = publicUrl(config);
console.log(`Switchboard is running at ${url} (listening on ${address})`);
console.log(`E-mail: ${mailRelay(config) ? 'sent through the SMTP relay (SMTP_URL)' : 'kept in the outbox table (no SMTP_URL)'}`);
if (devToolsEnabled(config)) {
  console.log(`Outbox (e-mail, SMS and voice PINs): ${url}/dev/outbox — development only, served on this loopback listener${config.DEV_OUTBOX === 'on' && !isLoopbackHost(config.HOST) ? ' and the network (DEV_OUTBOX=on)' : ''}`);
} else if (config.NODE_ENV !== 'production') {
  console.log(`Outbox not served: ${config.DEV_OUTBOX === 'off' ? 'DEV_OUTBOX=off' : `HOST=${config.HOST} is not a loopback address (set DEV_OUTBOX=on to serve it anyway)`}`);
}
