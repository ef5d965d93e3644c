import type { AppContext } from '../context.js';
import { composePasswordResetMail } from '../modules/identity/password-reset.js';
import type { Email, MailTemplate } from '../platform/delivery/mailer.js';

const templates: Record<MailTemplate, (ctx: AppContext, recipient: string) => Promise<Email | null>> = {
  'password-reset': composePasswordResetMail,
};

export function composeTemplate(ctx: AppContext, template: string, recipient: string): Promise<Email | null> {
  const composeMail = templates[template as MailTemplate];
  if (!composeMail) throw new Error(`unknown mail template "${template}"`);
  return composeMail(ctx, recipient);
}
