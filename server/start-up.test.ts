import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'sb-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts server/main.ts as `npm start` does; resolves with its output once `until` appears or it exits. */
function start(env: Record<string, string>, until: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { PATH: process.env.PATH, DATABASE_URL: `sqlite:${join(dir, 'start.db')}`, PORT: '0', LOG_LEVEL: 'warn', ...env },
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('start-up', () => {
  it('refuses production without PUBLIC_URL and a mail transport, and says why', async () => {
    const { code, output } = await start({ NODE_ENV: 'production' }, /never/);
    expect(code).toBe(1);
    expect(output).toContain('Switchboard will not start in production');
    expect(output).toContain('PUBLIC_URL must be set');
    expect(output).toContain('SMTP_URL must be set in production, or MAIL_TRANSPORT=outbox');
  });

  it('listens on loopback by default and says where the outbox is served', async () => {
    const { output } = await start({ NODE_ENV: 'development' }, /Outbox/);
    expect(output).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\)/);
    expect(output).toMatch(/E-mail: kept in the outbox table/);
    expect(output).toMatch(/Outbox \(e-mail, SMS and voice PINs\): .*\/dev\/outbox — development only/);
  });
});
