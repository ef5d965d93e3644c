import nodemailer from 'nodemailer';
import type { Tx } from '../../db/database.js';
import type { Outbox } from './outbox.js';

export interface Email {
  to: string;
  subject: string;
  text: string;
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** Mail templates composed at delivery time (see server/jobs/mail-templates.ts). */
export type MailTemplate = 'password-reset';

/** Queues e-mail; nothing is sent on the request path (the delivery job sends it). */
export interface Mailer {
  send(email: Email): Promise<void>;
  /** The message is composed when it is sent, so the request does the same work whoever the recipient is. */
  sendTemplate(to: string, template: MailTemplate): Promise<void>;
  /** Queued in the caller's transaction, so that it is sent only if the change commits; then `ctx.outbox.wake()`. */
  sendWithin(tx: Tx, email: Email): Promise<void>;
}

export function createMailer(outbox: Outbox): Mailer {
  return {
    send: (email) => outbox.enqueue({ recipient: email.to, subject: email.subject, body: email.text }),
    sendTemplate: (to, template) => outbox.enqueue({ recipient: to, template }),
    sendWithin: (tx, email) => outbox.enqueueWithin(tx, { recipient: email.to, subject: email.subject, body: email.text }),
  };
}

/** Where the delivery job hands e-mail: an SMTP relay, or the outbox table itself (development, MAIL_TRANSPORT=outbox). */
export interface MailTransport {
  kind: 'smtp' | 'outbox';
  deliver(email: Email): Promise<void>;
}

export function createMailTransport(options: { smtpUrl?: string; from: string }): MailTransport {
  if (!options.smtpUrl) return { kind: 'outbox', deliver: async () => undefined };
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    kind: 'smtp',
    async deliver(email) {
      await transport.sendMail({ from: options.from, to: email.to, subject: email.subject, text: email.text, attachments: email.attachments });
    },
  };
}
