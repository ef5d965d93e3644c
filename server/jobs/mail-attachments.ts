import type { AppContext } from '../context.js';
import { invoicePdf } from '../modules/invoices/documents.js';
import type { EmailAttachment } from '../platform/delivery/mailer.js';

/** Renders what an outbox message's `attachment` names, when the message is sent. */
export async function renderAttachment(ctx: AppContext, reference: string): Promise<EmailAttachment> {
  const [kind, id] = reference.split(':', 2);
  if (kind !== 'invoice' || !id) throw new Error(`unknown mail attachment "${reference}"`);
  const { filename, content } = await invoicePdf(ctx, id);
  return { filename, contentType: 'application/pdf', content };
}
