import { randomInt } from 'node:crypto';
import type { Outbox } from './outbox.js';

export type VoiceOrSms = 'sms' | 'voice';

export interface CarrierMessage {
  to: string;
  channel: VoiceOrSms;
  text: string;
}

export type ReceiptStatus = 'delivered' | 'expired' | 'failed' | 'rejected';

/** What the network says became of a message: the delivery receipt's status and err-code. */
export interface DeliveryReport {
  status: ReceiptStatus;
  errCode: string;
  errorText: string;
}

/**
 * The SMS and voice network. `deliver` hands a message over. A customer's SMS also gets a delivery
 * report: the carrier says at hand-over when it will have one (`reportDueAt`, stored with the message
 * by the same insert), and the delivery-receipts job asks for it (`report`) once that time has come.
 */
export interface Carrier {
  deliver(message: CarrierMessage): Promise<void>;
  reportDueAt(message: { to: string; ttlMs: number }, handedOverAt: Date): Date;
  report(message: { to: string }): DeliveryReport;
}

/** How long the network tries to deliver a message when the sender says nothing (the SMS API's `ttl` default, 72 hours). */
export const DEFAULT_TTL_MS = 259_200_000;

/**
 * Destinations of the UK drama range on which the local carrier's messages do not arrive, so that every
 * state of a receipt can be reached; documented in docs/api-compatibility.md.
 */
export const testDestinations: Record<string, DeliveryReport> = {
  '447700900100': { status: 'failed', errCode: '3', errorText: 'Absent Subscriber - Permanent' },
  '447700900200': { status: 'expired', errCode: '2', errorText: 'Absent Subscriber - Temporary' },
  '447700900300': { status: 'rejected', errCode: '6', errorText: 'Anti-Spam Rejection' },
};

const delivered: DeliveryReport = { status: 'delivered', errCode: '0', errorText: 'Delivered' };
const msisdnOf = (to: string) => to.replace(/^\+/, '');

/**
 * The faithful local carrier: it delivers into the outbox and reports delivery 1 to 4 seconds later;
 * a message to a test destination expires when its time to live runs out, or fails or is rejected
 * as quickly as a delivery would be reported.
 */
export function createOutboxCarrier(outbox: Outbox): Carrier {
  return {
    deliver: (message) => outbox.write({ channel: message.channel, recipient: message.to, body: message.text }),
    reportDueAt(message, handedOverAt) {
      const delay = testDestinations[msisdnOf(message.to)]?.status === 'expired' ? message.ttlMs : randomInt(1_000, 4_001);
      return new Date(handedOverAt.getTime() + delay);
    },
    report: (message) => testDestinations[msisdnOf(message.to)] ?? delivered,
  };
}
