import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from '../../testing/identity-fixtures.js';
import { Browser, createTestApp, type TestApp } from '../../testing/test-app.js';
import { createMailer } from './mailer.js';

describe('e-mail through a real SMTP relay', () => {
  const received: { to: string[]; data: string }[] = [];
  let smtp: SMTPServer;
  let port: number;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
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

  describe('the password-reset e-mail', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ config: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    });
    afterAll(() => t.close());

    it('is relayed by SMTP when SMTP_URL is set, and not written to the outbox', async () => {
      const { input } = await signUpVerified(t.app, t.ctx);
      const response = await new Browser(t.app).post('/api/password-resets', { email: input.email });
      expect(response.statusCode).toBe(202);
      const mail = received.find((m) => m.to.includes(input.email));
      expect(mail?.data).toMatch(/Subject: Reset your Switchboard password/);
      expect(mail?.data).toMatch(/reset-password\//);
      expect(await t.ctx.outbox.list({ recipient: input.email })).toHaveLength(0);
    });
  });

  it('writes to the outbox when no relay is configured', async () => {
    const written: unknown[] = [];
    const mailer = createMailer({ from: 'x@example.com', outbox: { write: async (e: unknown) => void written.push(e) } as never });
    await mailer.send({ to: 'a@example.com', subject: 'Hi', text: 'Body' });
    expect(written).toEqual([{ channel: 'email', recipient: 'a@example.com', subject: 'Hi', body: 'Body' }]);
  });
});
