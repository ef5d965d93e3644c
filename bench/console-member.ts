import { inTransaction } from '../server/db/database.js';
import type { AppContext } from '../server/context.js';
import { newId } from '../server/platform/ids.js';
import { hashSecret, verifySecret } from '../server/platform/passwords.js';
import { latencies, load, rate } from './harness.js';

const SCOPE = 100;

type Record = (row: { engine: string; path: string; figure: string; p99?: string; ratio?: string; goal?: string; met?: string; failed?: string }) => void;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function signInCookie(origin: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

/**
 * Issue 11's rows. Sign-in (argon2id verification, a session and an activity entry) as a ratio of
 * the bare argon2id verification rate measured here; and the console's subaccounts page for a
 * member scoped to 100 of a 10 000-subaccount family, as a ratio of the owner's same page (goal p99
 * < 20 ms). The member is written straight into the tables and removed again afterwards.
 */
export async function benchSignInAndScopedMember(
  engine: string,
  ctx: AppContext,
  server: { origin: string },
  family: { primaryApiKey: string; ownerEmail: string; password: string },
  record: Record,
): Promise<void> {
  const { origin } = server;
  const { password } = family;
  const hash = await hashSecret(password);
  const verifies = await rate(40, 4, () => verifySecret(hash, password));
  const signIns = await load({
    url: `${origin}/api/sessions`,
    method: 'POST',
    connections: 4,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: family.ownerEmail, password }),
  });
  const signInRatio = signIns.requestsPerSecond / verifies;
  record({
    engine,
    path: 'POST /api/sessions (sign-in)',
    figure: `${fmt(signIns.requestsPerSecond)} req/s`,
    p99: `p99 ${fmt(signIns.p99)} ms`,
    ratio: `${fmt(signInRatio, 2)} of argon2id verify (${fmt(verifies)}/s)`,
    goal: 'goal ≥ 0.5',
    met: signInRatio >= 0.5 ? 'met' : 'NOT MET',
    failed: `${signIns.non2xx + signIns.errors} failed`,
  });

  const userId = newId();
  const email = `scoped.${userId}@example.com`;
  const scope = await ctx.db
    .selectFrom('accounts')
    .select('api_key')
    .where('primary_api_key', '=', family.primaryApiKey)
    .where('api_key', '!=', family.primaryApiKey)
    .orderBy('api_key')
    .limit(SCOPE)
    .execute();
  await inTransaction(ctx.database, async (tx) => {
    await tx
      .insertInto('users')
      .values({ id: userId, primary_api_key: family.primaryApiKey, email, name: 'Scoped member', password_hash: hash, owner: 0, role_id: 'read_only', scope_all: 0, must_change_password: 0, created_at: new Date().toISOString() })
      .execute();
    await tx.insertInto('user_scopes').values(scope.map(({ api_key }) => ({ user_id: userId, api_key }))).execute();
  });
  try {
    const page = '/api/subaccounts?limit=100&sort=name&order=asc';
    const ownerCookie = await signInCookie(origin, family.ownerEmail, password);
    const owner = await latencies(200, () => fetch(`${origin}${page}&offset=${Math.floor(Math.random() * 9900)}`, { headers: { cookie: ownerCookie } }));
    const memberCookie = await signInCookie(origin, email, password);
    const member = await latencies(200, () => fetch(`${origin}${page}`, { headers: { cookie: memberCookie } }));
    record({
      engine,
      path: `console page, member scoped to ${SCOPE} of 10 000`,
      figure: `p50 ${fmt(member.p50, 1)} ms`,
      p99: `p99 ${fmt(member.p99, 1)} ms`,
      ratio: `${fmt(member.p99 / owner.p99, 2)} of the owner's page p99 (${fmt(owner.p99, 1)} ms)`,
      goal: 'goal p99 < 20 ms',
      met: member.p99 < 20 ? 'met' : 'NOT MET',
    });
  } finally {
    await ctx.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await ctx.db.deleteFrom('activity_entries').where('actor_id', '=', userId).execute();
    await ctx.db.deleteFrom('user_scopes').where('user_id', '=', userId).execute();
    await ctx.db.deleteFrom('users').where('id', '=', userId).execute();
  }
}
