import nodemailer from 'nodemailer';
import type { Outbox } from './outbox.js';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(email: Email): Promise<void>;
}

/** SMTP through nodemailer when a relay is configured, otherwise the outbox. */
export function createMailer(options: { smtpUrl?: string; from: string; outbox: Outbox }): Mailer {
  if (!options.smtpUrl) {
    return {
      send: (email) => options.outbox.write({ channel: 'email', recipient: email.to, subject: email.subject, body: email.text }),
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(email) {
      await transport.sendMail({ from: options.from, to: email.to, subject: email.subject, text: email.text });
    },
  };
}
