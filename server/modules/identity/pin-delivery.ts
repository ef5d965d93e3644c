import type { PinChannel } from '../../../contract/identity.js';
import type { Carrier } from '../../platform/delivery/carrier.js';

export function pinMessage(pin: string, channel: PinChannel): string {
  if (channel === 'sms') return `Your Switchboard PIN is ${pin}. It expires in 5 minutes.`;
  return `This is Switchboard. Your PIN is ${pin.split('').join(' ')}. Again: ${pin.split('').join(' ')}.`;
}

export function sendPin(carrier: Carrier, to: string, pin: string, channel: PinChannel): Promise<void> {
  return carrier.deliver({ to, channel, text: pinMessage(pin, channel) });
}
