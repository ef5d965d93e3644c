import Fastify from 'fastify';
import pg from 'pg';
import { openRawSqlite, rawPgTransfer } from './raw-engine.js';

/**
 * The floor under the product's HTTP figures: bare Fastify (no plugins, no hooks) with a GET and a
 * minimal durable transfer route on the raw engine. Started as its own process, like the server.
 */
const { PORT, BARE_SQLITE, BARE_PG, BARE_PG_SCHEMA } = process.env;
const app = Fastify({ logger: false });

let move: (from: number, to: number, amount: number) => Promise<void> | void = () => {
  throw new Error('no database');
};
if (BARE_SQLITE) {
  move = openRawSqlite(BARE_SQLITE).move;
} else if (BARE_PG) {
  const pool = new pg.Pool({ connectionString: BARE_PG, max: 10, options: `-c search_path=${BARE_PG_SCHEMA}` });
  move = async (from, to, amount) => {
    const client = await pool.connect();
    try {
      await rawPgTransfer(client, from, to, amount);
    } finally {
      client.release();
    }
  };
}

app.get('/healthz', async () => ({ status: 'ok' }));
app.post<{ Body: { from: number; to: number; amount: number } }>('/transfer', async (request) => {
  const { from, to, amount } = request.body;
  await move(from, to, amount);
  return { from, to, amount };
});

await app.listen({ host: '127.0.0.1', port: Number(PORT) });
