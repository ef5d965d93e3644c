import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';

describe('e-mail, queued in the outbox and sent by the delivery job', () => {
  const received: { to: string[]; data: string }[] = [];
  let refuse = false;
  let smtp: SMTPServer;
  let port: number;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(_address, _session, callback) {
        callback(refuse ? Object.assign(new Error('mailbox unavailable'), { responseCode: 450 }) : undefined);
      },
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
  beforeEach(() => {
    refuse = false;
  });

  describe('through a real SMTP relay', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ config: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    });
    afterAll(() => t.close());

    const pending = () => t.ctx.db.selectFrom('outbox').select(['recipient', 'status', 'template']).where('status', '!=', 'delivered').execute();

    it('sends nothing during the request: known and unknown addresses queue the same row', async () => {
      const { input } = await signUpVerified(t.app, t.ctx);
      const known = await new Browser(t.app).post('/api/password-resets', { email: input.email });
      const unknown = await new Browser(t.app).post('/api/password-resets', { email: 'nobody@example.com' });
      expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
      expect(received.filter((m) => m.to.includes(input.email))).toHaveLength(0);
      expect(await t.ctx.db.selectFrom('password_resets').selectAll().execute()).toHaveLength(0);
      expect(await pending()).toEqual([
        { recipient: input.email, status: 'pending', template: 'password-reset' },
        { recipient: 'nobody@example.com', status: 'pending', template: 'password-reset' },
      ]);

      await t.jobs.runDue();
      const mail = received.find((m) => m.to.includes(input.email));
      expect(mail?.data).toMatch(/Subject: Reset your Switchboard password/);
      expect(mail?.data).toMatch(/reset-password/);
      expect(received.some((m) => m.to.includes('nobody@example.com'))).toBe(false);
      // Relayed mail leaves nothing behind: no reset link stays in our database.
      expect(await t.ctx.db.selectFrom('outbox').selectAll().where('channel', '=', 'email').execute()).toEqual([]);
    });

    it('retries a refused delivery with back-off and sends the same message once the relay accepts', async () => {
      const { input } = await signUpVerified(t.app, t.ctx);
      await new Browser(t.app).post('/api/password-resets', { email: input.email });
      refuse = true;
      await t.jobs.runDue();
      const [failed] = await t.ctx.db.selectFrom('outbox').selectAll().where('recipient', '=', input.email).execute();
      expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/mailbox unavailable/), template: null });
      const token = /token=([\w-]+)/.exec(failed?.body ?? '')?.[1];
      expect(token).toBeDefined();

      refuse = false;
      await t.jobs.runDue();
      expect(received.filter((m) => m.to.includes(input.email))).toHaveLength(0);
      t.clock.advance(60_000);
      await t.jobs.runDue();
      const sent = received.filter((m) => m.to.includes(input.email));
      expect(sent).toHaveLength(1);
      expect(sent[0]?.data.replace(/=\r\n/g, '')).toContain(token);
    });
  });

  describe('without a relay', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('delivers into the outbox, where the development outbox shows it', async () => {
      const { input } = await signUpVerified(t.app, t.ctx);
      await new Browser(t.app).post('/api/password-resets', { email: input.email });
      expect(await t.ctx.outbox.list({ recipient: input.email })).toHaveLength(0);
      await t.jobs.runDue();
      expect(await t.ctx.outbox.list({ recipient: input.email })).toEqual([
        expect.objectContaining({ channel: 'email', subject: 'Reset your Switchboard password', status: 'delivered' }),
      ]);
    });
  });
});
