import type { Outbox } from './outbox.js';

export type VoiceOrSms = 'sms' | 'voice';

export interface CarrierMessage {
  to: string;
  channel: VoiceOrSms;
  text: string;
}

/** The SMS and voice network. The faithful local carrier delivers into the outbox. */
export interface Carrier {
  deliver(message: CarrierMessage): Promise<void>;
}

export function createOutboxCarrier(outbox: Outbox): Carrier {
  return {
    deliver: (message) => outbox.write({ channel: message.channel, recipient: message.to, body: message.text }),
  };
}
