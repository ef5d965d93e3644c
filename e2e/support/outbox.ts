import { expect, type APIRequestContext } from '@playwright/test';

// The development outbox (/dev/outbox): what the server would have sent by e-mail, SMS or voice call.

export interface OutboxMessage {
  id: string | number;
  channel: 'email' | 'sms' | 'voice';
  recipient: string;
  subject: string | null;
  body: string;
  created_at: string;
}

/** The newest message to `recipient` (newer than `after` when given), waiting for it to arrive. */
export async function newestMessage(request: APIRequestContext, recipient: string, after?: OutboxMessage['id']) {
  let found: OutboxMessage | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`/dev/outbox?recipient=${encodeURIComponent(recipient)}`);
        expect(response.ok()).toBe(true);
        const { messages } = (await response.json()) as { messages: OutboxMessage[] };
        found = messages[0] && messages[0].id !== after ? messages[0] : undefined;
        return found;
      },
      { message: `a message to ${recipient}` },
    )
    .toBeDefined();
  return found as OutboxMessage;
}

/** The 4-digit PIN of the newest message to `phone` (E.164). */
export async function readPin(request: APIRequestContext, phone: string, after?: OutboxMessage['id']) {
  const message = await newestMessage(request, phone, after);
  // SMS: "… PIN is 1234 …"; voice: "… PIN is 1 2 3 4 …".
  const pin = /\b(\d(?: ?\d){3})\b/.exec(message.body)?.[1]?.replace(/ /g, '');
  expect(pin, `a 4-digit PIN in "${message.body}"`).toBeDefined();
  return { pin: pin as string, message };
}
