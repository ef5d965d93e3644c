import { buildApp } from './app.js';
import { publicUrl, readConfig } from './config.js';
import { migrate, openDatabase } from './db/database.js';

const config = readConfig();
const database = await openDatabase(config.DATABASE_URL);
await migrate(database);
const { app } = await buildApp({ config, database });

const shutdown = async (signal: string) => {
  app.log.info(`${signal}: shutting down`);
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ host: config.HOST, port: config.PORT });
const url = publicUrl(config);
console.log(`Switchboard is running at ${url}`);
if (config.NODE_ENV !== 'production') console.log(`Outbox (e-mail, SMS and voice PINs): ${url}/dev/outbox`);
